// A field the user may change that also follows its source: when the source value changes (the deal
// was edited, here or by someone else), the field takes the new value; the user's own edits stay until
// then. Adjusting state during render is React's pattern for state derived from props.
import { useState } from 'react';

export function useFollowed(source: string): [string, (value: string) => void] {
  const [value, setValue] = useState(source);
  const [seen, setSeen] = useState(source);
  if (seen !== source) {
    setSeen(source);
    setValue(source);
  }
  return [value, setValue];
}
