package org.fengqiao.platform;

import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON bodies within sane limits and without control characters: every JSON text bound to
 * a {@code String} (records, lists, maps of strings) is refused when it holds a NUL or
 * another control character ({@link ControlCharacters}); nesting, numbers, texts and
 * documents are bounded ({@link StreamReadConstraints}, for every Jackson parser of the
 * application, GeoJSON imports included). Such a body ends in a 400 problem
 * ({@link MalformedInputAdvice}).
 */
@Configuration(proxyBeanMethods = false)
class HostileInput {

	/** Deepest nesting of a JSON document (GeoJSON needs about 8). */
	static final int MAX_NESTING = 100;

	/** Longest number literal, in characters. */
	static final int MAX_NUMBER = 100;

	/** Longest single JSON text, in characters. */
	static final int MAX_STRING = 5_000_000;

	/** Largest JSON document, in bytes (above the GeoJSON import limit). */
	static final long MAX_DOCUMENT = 64L * 1024 * 1024;

	/**
	 * Runs before any bean is made, so every JSON factory the application creates
	 * inherits the limits.
	 */
	@Bean
	static BeanFactoryPostProcessor jsonReadLimits() {
		return factory -> StreamReadConstraints.overrideDefaultStreamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING)
			.maxNumberLength(MAX_NUMBER)
			.maxStringLength(MAX_STRING)
			.maxDocumentLength(MAX_DOCUMENT)
			.build());
	}

	@Bean
	JsonMapperBuilderCustomizer textWithoutControlCharacters() {
		SimpleModule module = new SimpleModule("fengqiao-text");
		module.addDeserializer(String.class, new CleanText());
		return builder -> builder.addModule(module);
	}

	/** JSON text refused because it holds a control character. */
	static final class ControlCharacterInText extends InvalidFormatException {

		ControlCharacterInText(JsonParser parser, String value) {
			super(parser, "Text holds a NUL or another control character", value, String.class);
		}

	}

	/** The standard text deserializer, then the control-character rule. */
	static final class CleanText extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			String value = super.deserialize(p, ctxt);
			if (ControlCharacters.present(value)) {
				throw new ControlCharacterInText(p, value);
			}
			return value;
		}

	}

	/** The JSON path of a databind error, e.g. {@code parties[1].name}, or null. */
	static String path(DatabindException e) {
		if (e.getPath() == null || e.getPath().isEmpty()) {
			return null;
		}
		return e.getPath()
			.stream()
			.map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
			.collect(Collectors.joining())
			.replaceFirst("^\\.", "");
	}

}
