/**
 * The ONNX runtime as the hub loads it: always through this module, so that its telemetry is off
 * before the native library is loaded (onnx-telemetry-off.ts is evaluated first, being imported
 * first). The lint refuses `onnxruntime-node` imported anywhere else.
 */
import './onnx-telemetry-off.js';

export * as ort from 'onnxruntime-node';
