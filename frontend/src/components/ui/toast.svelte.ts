// One toast at a time: a new message replaces the one showing (no pile of confirmations).
export type ToastKind = 'info' | 'success' | 'error';
export interface ToastMessage {
  id: number;
  text: string;
  kind: ToastKind;
}

let next = 1;
let timer: ReturnType<typeof setTimeout> | undefined;
export const toastState = $state<{ current: ToastMessage | null }>({ current: null });

export function showToast(text: string, kind: ToastKind = 'info', ms = 4000): void {
  clearTimeout(timer);
  toastState.current = { id: next++, text, kind };
  if (ms > 0) timer = setTimeout(dismissToast, ms);
}

export function dismissToast(): void {
  clearTimeout(timer);
  toastState.current = null;
}
