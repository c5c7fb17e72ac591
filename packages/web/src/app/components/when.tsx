const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A moment, shown in the reader's locale and zone. Always a <time> element: screenshot tests
 * mask these, since the simulators' data and the runs move with the real clock.
 */
export function When({ at, prefix }: { at: string | null; prefix?: string }) {
  if (at === null) return null;
  return (
    <time dateTime={at}>
      {prefix === undefined ? '' : `${prefix} `}
      {FORMAT.format(new Date(at))}
    </time>
  );
}
