/**
 * Evaluated before the ONNX runtime's module (see onnx-runtime.ts). onnxruntime-node 1.30 carries a
 * usage uploader in its native library (1DS, to mobile.events.data.microsoft.com) that starts with
 * the runtime's environment and also keeps a device id under ~/.cache/Microsoft. On Linux and macOS
 * it stays off, uploader and id file alike, when ORT_DISABLE_TELEMETRY is one of 1, true, yes, on,
 * y (read by the native library when it creates its environment; the JavaScript side reads
 * nothing). The Node binding exposes no call to switch it off later (the C API's
 * DisableTelemetryEvents is not bound), so the variable is the one lever.
 *
 * Nothing leaves the house unless the household turns the relay on: the hub sets the switch itself,
 * over whatever its environment says, and the systemd unit sets it too.
 */
process.env.ORT_DISABLE_TELEMETRY = '1';

export {};
