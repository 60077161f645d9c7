import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { HOME_WIDGETS } from './widgetParts';

const slug = (name: string) =>
  name
    .replace(/^Homelab/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();

/** The widgets as new-frontend-system extensions: `home-page-widget:homelab/<slug>`. */
export const homeWidgetExtensions = HOME_WIDGETS.map(w =>
  HomePageWidgetBlueprint.make({
    name: slug(w.name),
    params: {
      name: w.name,
      title: w.title,
      description: w.description,
      components: w.components,
    },
  }),
);
