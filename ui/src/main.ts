import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import { App } from './app.js';
import { applyStoredTheme } from './state/theme.js';

applyStoredTheme();
const root = document.getElementById('app');
if (root !== null) void new App(root).start();
