/* global document, window, location */
// The public verification page's only script (/v, ADR 0018 as amended for issue 10): where the
// browser can read QR codes (BarcodeDetector) and has a camera, it shows a «scan» button that opens
// the camera and, on reading a Dargah verification address (…/v/<code>), goes to that page here.
// Without it the page works as it is: the phone's own camera app opens the QR code's address.
(() => {
  const box = document.getElementById('qr-scan');
  if (!box || !('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  const start = box.querySelector('[data-scan-start]');
  const stop = box.querySelector('[data-scan-stop]');
  const video = box.querySelector('video');
  const status = box.querySelector('[data-scan-status]');
  let stream = null;
  let timer = 0;
  let detector;
  try {
    detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  } catch {
    return;
  }
  box.hidden = false;

  const end = () => {
    clearTimeout(timer);
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };

  /** A verification address of any Dargah (the QR's origin is its public address): its path here. */
  const target = (text) => {
    try {
      const url = new URL(text, location.href);
      return /^\/v\/[0-9A-Za-z-]{1,32}$/.test(url.pathname) ? url.pathname + url.search : null;
    } catch {
      return null;
    }
  };

  const tick = async () => {
    try {
      for (const code of await detector.detect(video)) {
        const path = target(code.rawValue);
        if (path) {
          end();
          location.assign(path);
          return;
        }
      }
    } catch {
      // A frame that could not be read: try the next one.
    }
    if (stream) timer = setTimeout(tick, 250);
  };

  start.addEventListener('click', async () => {
    status.textContent = '';
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      status.textContent = box.dataset.failed || '';
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    start.hidden = true;
    stop.hidden = false;
    await video.play().catch(() => undefined);
    tick();
  });
  stop.addEventListener('click', end);
})();
