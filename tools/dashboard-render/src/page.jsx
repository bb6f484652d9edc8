/**
 * Browser entry of the render check: renders window.__DEFINITION__ (a Dashboard Studio definition
 * whose data sources are ds.test) with @splunk/dashboard-core, the Enterprise view-only preset and
 * the dark Enterprise theme, as Splunk Web shows a `<dashboard version="2" theme="dark">` view.
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import * as coreModule from '@splunk/dashboard-core';
import { DashboardContextProvider } from '@splunk/dashboard-context';
import * as presetModule from '@splunk/dashboard-presets/EnterpriseViewOnlyPreset';
import * as themeModule from '@splunk/themes/SplunkThemeProvider';

/** These packages ship CommonJS whose `default` export is nested one or two levels deep under esbuild's interop. */
const unwrap = (m) => (m && typeof m === 'object' && 'default' in m ? unwrap(m.default) : m);
const DashboardCore = unwrap(coreModule);
const preset = unwrap(presetModule);
const SplunkThemeProvider = unwrap(themeModule);

createRoot(document.getElementById('root')).render(
  <SplunkThemeProvider family="enterprise" colorScheme="dark" density="comfortable">
    <DashboardContextProvider preset={preset} initialDefinition={window.__DEFINITION__}>
      <DashboardCore width="100%" height="100%" />
    </DashboardContextProvider>
  </SplunkThemeProvider>,
);
