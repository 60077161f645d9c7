import ipaddr from 'ipaddr.js';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseCidr(text: string): Cidr | undefined {
  try {
    return ipaddr.parseCIDR(text.trim());
  } catch {
    return undefined;
  }
}

/** Is every address of `inner` inside `outer`? */
function contains(outer: Cidr, inner: Cidr): boolean {
  const [outerAddress, outerBits] = outer;
  const [innerAddress, innerBits] = inner;
  return (
    outerAddress.kind() === innerAddress.kind() &&
    outerBits <= innerBits &&
    (innerAddress as ipaddr.IPv4).match(outerAddress as ipaddr.IPv4, outerBits)
  );
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/**
 * Does an ipBlock (cidr minus except) take in the whole of one of the pod networks?
 * Where in the pod network the DNS pods sit is unknown, so only all of it counts.
 */
export function blockCoversPodNetwork(
  cidr: unknown,
  except: unknown,
  podCidrs: string[],
): boolean {
  if (typeof cidr !== 'string') return false;
  const block = parseCidr(cidr);
  if (!block) return false;
  const holes = (Array.isArray(except) ? except : [])
    .map(e => (typeof e === 'string' ? parseCidr(e) : undefined))
    .filter((e): e is Cidr => !!e);
  return podCidrs.some(text => {
    const pods = parseCidr(text);
    return (
      !!pods && contains(block, pods) && !holes.some(h => overlaps(h, pods))
    );
  });
}
