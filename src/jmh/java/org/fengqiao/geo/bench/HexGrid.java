package org.fengqiao.geo.bench;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Deterministic regular flat-top hexagon tiling. Every vertex is computed from its integer lattice
 * coordinates with one formula, so edges shared by neighbouring hexagons are bit-identical.
 */
public final class HexGrid {

    private HexGrid() {
    }

    /**
     * @param cols   hexagons per row
     * @param rows   hexagons per column
     * @param x0     origin x (e.g. a longitude)
     * @param y0     origin y
     * @param radius hexagon circumradius
     */
    public static List<Polygon> generate(int cols, int rows, double x0, double y0, double radius) {
        GeometryFactory gf = new GeometryFactory();
        double hx = radius * 0.5;                 // vertex x = x0 + i * hx
        double hy = radius * Math.sqrt(3) * 0.5;  // vertex y = y0 + j * hy
        // flat-top hexagon (c, r): centre at i = 3c + 2, j = 2r + 1 + (c & 1)
        int[][] offs = {{2, 0}, {1, 1}, {-1, 1}, {-2, 0}, {-1, -1}, {1, -1}}; // counter-clockwise
        List<Polygon> out = new ArrayList<>(cols * rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int ci = 3 * c + 2, cj = 2 * r + 1 + (c & 1);
                Coordinate[] ring = new Coordinate[7];
                for (int k = 0; k < 6; k++) {
                    ring[k] = new Coordinate(x0 + (ci + offs[k][0]) * hx, y0 + (cj + offs[k][1]) * hy);
                }
                ring[6] = ring[0].copy();
                out.add(gf.createPolygon(ring));
            }
        }
        return out;
    }
}
