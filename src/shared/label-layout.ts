/** Placing text labels on a plot without overlaps. */

/**
 * Nudges label positions apart until no two are closer than `gap`, moving
 * each pair symmetrically along the line between them (a few relaxation
 * passes; ten labels need no more).
 */
export function spreadLabels<T extends { x: number; y: number }>(labels: T[], gap: number): T[] {
  const out = labels.map((l) => ({ ...l }));
  for (let pass = 0; pass < 50; pass++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        let dx = out[j].x - out[i].x;
        let dy = out[j].y - out[i].y;
        let dist = Math.hypot(dx, dy);
        if (dist >= gap) continue;
        if (dist < 1e-6) {
          // Same spot: separate along a fixed direction that depends on the pair.
          dx = Math.cos(i + j);
          dy = Math.sin(i + j);
          dist = 1;
        }
        const push = (gap - dist) / 2 + 0.01;
        out[i].x -= (dx / dist) * push;
        out[i].y -= (dy / dist) * push;
        out[j].x += (dx / dist) * push;
        out[j].y += (dy / dist) * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}
