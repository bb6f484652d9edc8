/** progressBar (src/lab/progress.ts): drawn on a terminal only. */
import { PassThrough } from 'stream';
import { progressBar } from '../../src/lab/progress';

function stream(isTTY: boolean): { stream: NodeJS.WriteStream; text(): string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  Object.assign(s, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream: s, text: () => text };
}

test('on a terminal the bar shows counts; not on a pipe, nor when disabled', () => {
  const tty = stream(true);
  const bar = progressBar(true, 'replay', tty.stream);
  bar.start(10);
  bar.advance(4);
  bar.stop();
  expect(tty.text()).toContain('4/10 events');
  for (const [enabled, isTTY] of [[true, false], [false, true]]) {
    const s = stream(isTTY);
    const silent = progressBar(enabled, 'replay', s.stream);
    silent.start(10);
    silent.advance(10);
    silent.stop();
    expect(s.text()).toBe('');
  }
});
