package org.fengqiao.geo;

/** Boundaries or grids changed (an import was applied, the demo geography was loaded). */
public record GeographyChanged(String reason, int gridsChanged) {
}
