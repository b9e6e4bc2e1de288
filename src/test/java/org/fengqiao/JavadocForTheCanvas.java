package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.springframework.boot.json.BasicJsonParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Spring Modulith 2.0.3 reads the Javadoc that {@code spring-modulith-apt} extracts
 * ({@code target/generated-spring-modulith/javadoc.json}) with Spring Boot's
 * {@link BasicJsonParser}, which fails on valid JSON holding quotes or braces
 * (spring-projects/spring-modulith#1762, fixed in a later 2.0.x). Our Javadoc is full of
 * {@code {@code ...}} and quotes, so before the module canvases are written the file's
 * texts are made plain: inline tags unwrapped, quotes and brackets replaced. The file is
 * a build output, written again by every compilation.
 */
final class JavadocForTheCanvas {

	static final Path FILE = Path.of("target/generated-spring-modulith/javadoc.json");

	private static final Pattern INLINE_TAG = Pattern
		.compile("\\{@(?:code|link|linkplain|literal|value)\\s+([^{}]*)\\}");

	private JavadocForTheCanvas() {
	}

	static void readableByModulith() throws IOException {
		if (!Files.exists(FILE)) {
			return; // no Javadoc extracted: the canvases are written without descriptions
		}
		JsonMapper json = JsonMapper.builder().build();
		JsonNode root = json.readTree(Files.readString(FILE));
		plain(root);
		String text = json.writeValueAsString(root);
		Files.writeString(FILE, text);
		assertThat(new BasicJsonParser().parseList(text)).as("Modulith's parser reads the Javadoc").isNotEmpty();
	}

	private static void plain(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : object.propertyNames()) {
				JsonNode value = object.get(name);
				if (value.isString()) {
					object.put(name, plain(value.asString()));
				}
				else {
					plain(value);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(JavadocForTheCanvas::plain);
		}
	}

	static String plain(String text) {
		String result = text;
		String before;
		do {
			before = result;
			result = INLINE_TAG.matcher(result).replaceAll((match) -> match.group(1).replace("$", "\\$"));
		}
		while (!result.equals(before));
		return result.replace('"', '\'').replace('{', '(').replace('}', ')').replace('[', '(').replace(']', ')');
	}

}
