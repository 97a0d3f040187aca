import { beforeAll } from 'vitest';

/** For tests under jsdom, which has <dialog> but not its modal methods: opens and closes it as the browser would. */
export function withModalDialogs(): void {
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.open = false;
    };
  });
}
