package org.fengqiao.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fengqiao.platform.DomainException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes GeoJSON (RFC 7946: lon/lat order, WGS84/CGCS2000 degrees). */
final class GeoJson {

	private static final JsonMapper json = JsonMapper.builder().build();

	private GeoJson() {
	}

	/** One feature as read: its geometry, or the reason it has none. */
	record Feature(int index, Map<String, Object> properties, Geometry geometry, String problem) {
	}

	/**
	 * The file is not GeoJSON at all (not JSON, or not a feature collection, feature or
	 * geometry).
	 */
	static final class NotGeoJson extends DomainException {

		NotGeoJson(String message) {
			super(Kind.INVALID, "not-geojson", message);
		}

	}

	/**
	 * Reads a FeatureCollection, a single Feature or a bare geometry. Features whose
	 * geometry cannot be read keep their properties and carry a problem instead of a
	 * geometry, so an import can report them one by one.
	 */
	static List<Feature> readFeatures(InputStream in) {
		JsonNode root;
		try (in) {
			root = json.readTree(in);
		}
		catch (JacksonException e) {
			throw new NotGeoJson("The file is not valid JSON: " + e.getOriginalMessage());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (root == null || !root.isObject()) {
			throw new NotGeoJson("The file is empty or is not a GeoJSON object");
		}
		if (holdsControlCharacters(root)) {
			throw new NotGeoJson("A name or text of the file holds a NUL or another control character");
		}
		String type = root.path("type").asString("");
		List<Feature> features = new ArrayList<>();
		switch (type) {
			case "FeatureCollection" -> {
				JsonNode array = root.path("features");
				if (!array.isArray()) {
					throw new NotGeoJson("A FeatureCollection needs a \"features\" array");
				}
				for (int i = 0; i < array.size(); i++) {
					features.add(feature(i, array.get(i)));
				}
			}
			case "Feature" -> features.add(feature(0, root));
			case "Polygon", "MultiPolygon" ->
				features.add(feature(0, json.createObjectNode().put("type", "Feature").set("geometry", root)));
			default -> throw new NotGeoJson("Unsupported GeoJSON type \"" + type + "\": expected a FeatureCollection");
		}
		return features;
	}

	/**
	 * Whether any text or property name in the tree breaks
	 * {@link org.fengqiao.platform.ControlCharacters}.
	 */
	private static boolean holdsControlCharacters(JsonNode root) {
		java.util.ArrayDeque<JsonNode> pending = new java.util.ArrayDeque<>();
		pending.push(root);
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			if (node.isString() && org.fengqiao.platform.ControlCharacters.present(node.asString())) {
				return true;
			}
			if (node.isObject()) {
				for (Map.Entry<String, JsonNode> entry : node.properties()) {
					if (org.fengqiao.platform.ControlCharacters.present(entry.getKey())) {
						return true;
					}
					pending.push(entry.getValue());
				}
			}
			else if (node.isArray()) {
				node.forEach(pending::push);
			}
		}
		return false;
	}

	private static Feature feature(int index, JsonNode node) {
		Map<String, Object> properties = new LinkedHashMap<>();
		JsonNode props = node.path("properties");
		if (props.isObject()) {
			for (Map.Entry<String, JsonNode> entry : props.properties()) {
				JsonNode value = entry.getValue();
				properties.put(entry.getKey(),
						value.isNull() ? null
								: value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.asLong()
										: value.isNumber() ? (Object) value.asDouble()
												: value.isValueNode() ? value.asString() : value.toString());
			}
		}
		JsonNode geometry = node.path("geometry");
		if (!node.isObject() || !"Feature".equals(node.path("type").asString(""))) {
			return new Feature(index, properties, null, "not a GeoJSON Feature");
		}
		if (!geometry.isObject()) {
			return new Feature(index, properties, null, "the feature has no geometry");
		}
		try {
			Geometry g = new GeoJsonReader(Geometries.FACTORY).read(geometry.toString());
			g.setSRID(Geometries.SRID);
			return new Feature(index, properties, g, null);
		}
		catch (ParseException | RuntimeException e) {
			return new Feature(index, properties, null, "the geometry cannot be read: " + e.getMessage());
		}
	}

	/**
	 * Writes a FeatureCollection; each feature's properties are a record (components in
	 * their order) written by Jackson.
	 */
	static void writeFeatureCollection(Writer out, List<?> properties, List<Geometry> geometries) throws IOException {
		GeoJsonWriter writer = new GeoJsonWriter(7);
		writer.setEncodeCRS(false);
		out.write("{\"type\":\"FeatureCollection\",\"features\":[");
		for (int i = 0; i < geometries.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write("{\"type\":\"Feature\",\"properties\":");
			out.write(json.writeValueAsString(properties.get(i)));
			out.write(",\"geometry\":");
			out.write(writer.write(geometries.get(i)));
			out.write('}');
		}
		out.write("]}");
	}

}
