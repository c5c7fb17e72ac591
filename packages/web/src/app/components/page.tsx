import { useEffect, useRef, type ReactNode } from 'react';

/**
 * One screen: its heading takes the focus when the screen opens, so a keyboard or screen-reader
 * user lands on the new content after navigation instead of staying on the old link.
 */
export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · SyncWell`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}
