import { Button } from 'react-aria-components';

/** "Load more" under a paged list (a button, so keyboard and screen-reader users get it too). */
export function LoadMore({
  hasMore,
  fetching,
  onLoad,
  label = 'Load more',
}: {
  hasMore: boolean;
  fetching: boolean;
  onLoad: () => void;
  label?: string;
}) {
  if (fetching) return <p role="status">Loading…</p>;
  if (!hasMore) return null;
  return (
    <Button className="secondary" onPress={onLoad}>
      {label}
    </Button>
  );
}
