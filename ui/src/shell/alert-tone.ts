/** A short tone for a critical alert. Browsers allow sound only after the page has been touched; a silent failure is fine there. */
export function playAlertTone(): void {
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.6);
    oscillator.addEventListener('ended', () => void audio.close());
  } catch {
    // No audio on this device.
  }
}
