export { homeWidgetExtensions } from './homeWidgets';
export { HOME_WIDGETS } from './widgetParts';
export type { HomeWidgetDefinition } from './widgetParts';
