package org.fengqiao.geo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Loads the Polygon/MultiPolygon features of a GeoJSON FeatureCollection, in file order. */
public final class GeoJsonPolygons {

    private GeoJsonPolygons() {
    }

    public static List<Geometry> load(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Geometry all;
        try {
            all = new GeoJsonReader().read(json);
        } catch (ParseException e) {
            throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        List<Geometry> out = new ArrayList<>();
        if (all instanceof Polygonal) {          // a bare Polygon / MultiPolygon document
            out.add(all);
            return out;
        }
        for (int i = 0; i < all.getNumGeometries(); i++) { // FeatureCollection -> GeometryCollection, file order
            Geometry g = all.getGeometryN(i);
            if (g instanceof Polygonal && !g.isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }
}
