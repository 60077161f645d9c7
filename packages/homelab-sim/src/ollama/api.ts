import type { IncomingMessage, ServerResponse } from 'node:http';
import { FOREVER_MS, parseDuration } from '../duration';
import { readBody, sendJson, sendText } from '../http';
import type { ModelSpec, ResolvedOllama } from '../scenario/types';
import { contextIds, countTokens, replyTokens } from './reply';
import { loadedBytes, Scheduler, ServerBusy } from './scheduler';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const NS_PER_MS = 1_000_000;

export function details(m: ModelSpec) {
  return {
    parent_model: '',
    format: 'gguf',
    family: m.family,
    families: m.families ?? [m.family],
    parameter_size: m.parameterSize,
    quantization_level: m.quantization ?? 'Q4_K_M',
  };
}

function findModel(cfg: ResolvedOllama, name: unknown): ModelSpec | undefined {
  if (typeof name !== 'string') return undefined;
  const full = name.includes(':') ? name : `${name}:latest`;
  return cfg.models.find(m => m.name === full || m.name === name);
}

class HttpError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

async function jsonBody(req: IncomingMessage): Promise<any> {
  const text = await readBody(req);
  try {
    const body = text ? JSON.parse(text) : {};
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error('expected a JSON object');
    return body;
  } catch (e) {
    throw new HttpError(400, `invalid request body: ${(e as Error).message}`);
  }
}

/** The Ollama HTTP API over a scheduler; `cfg()` is read per request so scenario switches apply at once. */
export function ollamaHandler(cfg: () => ResolvedOllama, scheduler: Scheduler) {
  const requireModel = (body: any): ModelSpec => {
    const name = body.model ?? body.name;
    if (!name) throw new HttpError(400, 'model is required');
    const model = findModel(cfg(), name);
    if (!model) throw new HttpError(404, `model '${name}' not found`);
    return model;
  };

  const keepAlive = (body: any): number => {
    if (body.keep_alive === undefined || body.keep_alive === null)
      return cfg().keepAliveMs;
    try {
      return parseDuration(body.keep_alive, 'keep_alive');
    } catch {
      throw new HttpError(400, `time: invalid duration "${body.keep_alive}"`);
    }
  };

  async function generate(
    req: IncomingMessage,
    res: ServerResponse,
    chat: boolean,
  ) {
    const body = await jsonBody(req);
    const model = requireModel(body);
    const keepAliveMs = keepAlive(body);
    const prompt: string = chat
      ? (Array.isArray(body.messages) ? body.messages : [])
          .map((m: any) => String(m?.content ?? ''))
          .join('\n')
      : String(body.prompt ?? '');
    const createdAt = () => new Date().toISOString();
    if (!prompt) {
      // An empty prompt only loads (or, with keep_alive 0, unloads) the model.
      if (keepAliveMs === 0) {
        scheduler.unload(model.name);
        sendJson(res, 200, {
          model: body.model,
          created_at: createdAt(),
          response: '',
          done: true,
          done_reason: 'unload',
        });
        return;
      }
      const lease = await scheduler.acquire(model, keepAliveMs);
      if (lease.cold) await sleep(cfg().loadMs);
      lease.release();
      sendJson(res, 200, {
        model: body.model,
        created_at: createdAt(),
        ...(chat
          ? { message: { role: 'assistant', content: '' } }
          : { response: '' }),
        done: true,
        done_reason: 'load',
      });
      return;
    }
    const started = process.hrtime.bigint();
    const lease = await scheduler.acquire(model, keepAliveMs);
    const stream = body.stream !== false;
    let closed = false;
    res.on('close', () => {
      closed = !res.writableFinished;
    });
    try {
      const c = cfg();
      const loadStart = process.hrtime.bigint();
      if (lease.cold) await sleep(c.loadMs);
      // A warm model still takes a few microseconds to look up.
      const loadNs = lease.cold
        ? Number(process.hrtime.bigint() - loadStart)
        : 30_000 + Math.floor(Math.random() * 20_000);
      const promptTokens = countTokens(prompt);
      await sleep(promptTokens * c.msPerPromptToken);
      const promptEvalNs = Math.max(
        1,
        promptTokens * c.msPerPromptToken * NS_PER_MS,
      );
      const numPredict = Number(body.options?.num_predict);
      const tokens = replyTokens(
        prompt,
        Number.isFinite(numPredict) && numPredict >= 0
          ? numPredict
          : c.responseTokens,
        body.format,
      );
      const piece = (text: string) =>
        chat
          ? { message: { role: 'assistant', content: text } }
          : { response: text };
      if (stream)
        res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      const evalStart = process.hrtime.bigint();
      for (const token of tokens) {
        if (closed) return;
        await sleep(c.msPerToken);
        if (stream)
          res.write(
            `${JSON.stringify({
              model: body.model,
              created_at: createdAt(),
              ...piece(token),
              done: false,
            })}\n`,
          );
      }
      const evalNs = Math.max(1, Number(process.hrtime.bigint() - evalStart));
      const final = {
        model: body.model,
        created_at: createdAt(),
        ...piece(stream ? '' : tokens.join('')),
        done: true,
        done_reason:
          Number.isFinite(numPredict) &&
          numPredict >= 0 &&
          numPredict <= tokens.length
            ? 'length'
            : 'stop',
        ...(chat ? {} : { context: contextIds(promptTokens + tokens.length) }),
        total_duration: Number(process.hrtime.bigint() - started),
        load_duration: loadNs,
        prompt_eval_count: promptTokens,
        prompt_eval_duration: promptEvalNs,
        eval_count: tokens.length,
        eval_duration: evalNs,
      };
      if (stream) res.end(`${JSON.stringify(final)}\n`);
      else sendJson(res, 200, final);
    } finally {
      lease.release();
    }
  }

  function show(body: any) {
    const m = requireModel(body);
    const arch = m.family;
    return {
      license: '',
      modelfile: `# Modelfile generated by "ollama show"\nFROM /root/.ollama/models/blobs/sha256-${
        m.digest ?? ''
      }\n`,
      parameters:
        'stop                           "<|im_end|>"\ntemperature                    0.6\ntop_k                          20\ntop_p                          0.95',
      template: '{{ .Prompt }}',
      details: details(m),
      model_info: {
        'general.architecture': arch,
        'general.file_type': 15,
        'general.parameter_count': Math.round(
          parseFloat(m.parameterSize) *
            (m.parameterSize.endsWith('M') ? 1e6 : 1e9),
        ),
        'general.quantization_version': 2,
        [`${arch}.context_length`]: m.contextLength ?? 4096,
      },
      capabilities: m.capabilities ?? ['completion'],
      modified_at: m.modifiedAt,
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    const c = cfg();
    const key = `${req.method} ${path}`;
    switch (key) {
      case 'GET /':
      case 'HEAD /':
        return sendText(res, 200, 'Ollama is running');
      case 'GET /api/version':
        return sendJson(res, 200, { version: c.version });
      case 'GET /api/tags':
        return sendJson(res, 200, {
          models: c.models.map(m => ({
            name: m.name,
            model: m.name,
            modified_at: m.modifiedAt,
            size: m.size,
            digest: m.digest,
            details: details(m),
          })),
        });
      case 'GET /api/ps':
        return sendJson(res, 200, {
          models: scheduler.loadedModels().map(e => ({
            name: e.model.name,
            model: e.model.name,
            size: loadedBytes(e.model),
            digest: e.model.digest,
            details: details(e.model),
            expires_at: new Date(
              Math.min(e.expiresAt, Date.now() + FOREVER_MS),
            ).toISOString(),
            size_vram: e.vramBytes,
            context_length: e.model.contextLength ?? 4096,
          })),
        });
      case 'POST /api/show':
        return sendJson(res, 200, show(await jsonBody(req)));
      case 'POST /api/generate':
        return generate(req, res, false);
      case 'POST /api/chat':
        return generate(req, res, true);
      default:
        return sendText(res, 404, '404 page not found');
    }
  }

  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      await route(req, res);
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (e instanceof ServerBusy) sendJson(res, 503, { error: e.message });
      else if (e instanceof HttpError)
        sendJson(res, e.code, { error: e.message });
      else sendJson(res, 500, { error: (e as Error).message });
    }
  };
}
