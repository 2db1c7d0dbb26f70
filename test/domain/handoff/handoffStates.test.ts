import { describe, expect, it } from 'vitest';
import { canTransition, HANDOFF_TRANSITIONS, isOpenStatus } from '../../../src/domain/handoff/handoffStates.js';
import { HandoffStatus } from '../../../src/domain/handoff/handoffTicket.js';

describe('HANDOFF_TRANSITIONS', () => {
  it('is the helpdesk state machine: waiting → assigned → (transferred) → closed, plus cancelled', () => {
    const table = Object.fromEntries(
      Object.entries(HANDOFF_TRANSITIONS).map(([name, t]) => [name, `${[...t.from].join('|')} → ${t.to}`]),
    );
    expect(table).toEqual({
      claim: 'waiting → assigned',
      transfer: 'assigned|transferred → transferred',
      release: 'assigned|transferred → waiting',
      requeue: 'assigned|transferred → waiting',
      close: 'assigned|transferred → closed',
      cancel: 'waiting|assigned|transferred → cancelled',
    });
  });

  it('never leaves an ended ticket', () => {
    for (const status of ['closed', 'cancelled'] as const) {
      for (const name of Object.keys(HANDOFF_TRANSITIONS) as Array<keyof typeof HANDOFF_TRANSITIONS>) {
        expect(canTransition(name, status)).toBe(false);
      }
      expect(isOpenStatus(status)).toBe(false);
    }
    expect(HandoffStatus.options.filter(isOpenStatus)).toEqual(['waiting', 'assigned', 'transferred']);
  });
});
