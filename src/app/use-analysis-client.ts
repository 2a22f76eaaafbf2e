/**
 * The page's analysis worker (UMAP, k-means), started on first use: most
 * visits never need it. Stopped when the page that holds it unmounts.
 */
import { useCallback, useEffect, useRef } from 'react';
import { AnalysisClient } from './analysis-client';

/** A stable function that gives the one analysis client, creating it when first called. */
export function useAnalysisClient(): () => AnalysisClient {
  const client = useRef<AnalysisClient | null>(null);
  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );
  return useCallback(() => (client.current ??= new AnalysisClient()), []);
}
