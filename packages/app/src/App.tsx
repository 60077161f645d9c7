import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import homelabPlugin from '@internal/plugin-homelab';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

// Plugins listed in package.json are discovered (app.packages: all); these modules brand the
// app for the homelab and choose the sign-in providers from configuration.
export default createApp({
  features: [catalogPlugin, homelabPlugin, navModule, homeModule, signInModule],
});
