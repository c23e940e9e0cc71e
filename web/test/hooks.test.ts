// @vitest-environment happy-dom
// Hooks with logic: the debounced search value and cursor paging.
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCursorPages } from '../src/lib/use-cursor-pages.ts';
import { useDebouncedValue } from '../src/lib/use-debounced-value.ts';

describe('useDebouncedValue', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('settles only once typing pauses', () => {
    const { result, rerender } = renderHook(({ v }) => useDebouncedValue(v, 250), {
      initialProps: { v: 'j' },
    });
    rerender({ v: 'jo' });
    act(() => void vi.advanceTimersByTime(200));
    rerender({ v: 'jon' });
    act(() => void vi.advanceTimersByTime(200));
    expect(result.current).toBe('j');
    act(() => void vi.advanceTimersByTime(60));
    expect(result.current).toBe('jon');
  });
});

describe('useCursorPages', () => {
  it('goes forward by end cursors, back through the ones seen, and resets', () => {
    const { result } = renderHook(() => useCursorPages());
    expect(result.current).toMatchObject({ page: 1, after: undefined });
    act(() => result.current.next('c1'));
    act(() => result.current.next('c2'));
    expect(result.current).toMatchObject({ page: 3, after: 'c2' });
    act(() => result.current.next(null));
    expect(result.current.page).toBe(3);
    act(() => result.current.back());
    expect(result.current).toMatchObject({ page: 2, after: 'c1' });
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ page: 1, after: undefined });
  });
});
