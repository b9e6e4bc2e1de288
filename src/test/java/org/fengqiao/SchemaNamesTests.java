package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * springdoc names a schema by the simple name of its class (or its
 * {@code @Schema(name)}), and when two classes share a name one silently replaces the
 * other in the OpenAPI document. Every type an API reads or answers with, down through
 * its record components, must therefore have a name of its own across all modules.
 */
@Execution(ExecutionMode.CONCURRENT)
class SchemaNamesTests {

	@Test
	void everyTypeInTheApiHasASchemaNameOfItsOwn() {
		Map<String, Set<String>> classesByName = new TreeMap<>();
		for (Class<?> type : apiTypes()) {
			if (type.isEnum() && !enumAsRef(type)) {
				continue; // springdoc writes an enum inline where it is used, not as a
							// named schema
			}
			classesByName.computeIfAbsent(schemaName(type), (name) -> new TreeSet<>()).add(type.getName());
		}
		assertThat(classesByName).as("API types per schema name").isNotEmpty();
		assertThat(classesByName.entrySet().stream().filter((e) -> e.getValue().size() > 1).toList())
			.as("schema names shared by several classes (give one an @Schema(name = ...))")
			.isEmpty();
	}

	@Test
	void theWalkFindsNestedRecordsOfAnswers() {
		Set<Class<?>> types = apiTypes();
		assertThat(types.stream().map(Class::getName))
			.anyMatch((name) -> name.startsWith("org.fengqiao.dispatch.") && name.contains("$"))
			.anyMatch((name) -> name.startsWith("org.fengqiao.mediation."));
	}

	static boolean enumAsRef(Class<?> type) {
		Schema schema = type.getAnnotation(Schema.class);
		return schema != null && schema.enumAsRef();
	}

	static String schemaName(Class<?> type) {
		Schema schema = type.getAnnotation(Schema.class);
		return (schema != null && !schema.name().isEmpty()) ? schema.name() : type.getSimpleName();
	}

	/**
	 * The project's own types that controllers answer with or read as a body, and the
	 * types of their record components, transitively.
	 */
	static Set<Class<?>> apiTypes() {
		Deque<Type> todo = new ArrayDeque<>();
		for (var controller : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.fengqiao")) {
			if (!controller.isMetaAnnotatedWith(RestController.class)) {
				continue;
			}
			for (Method method : controller.reflect().getDeclaredMethods()) {
				if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
					continue;
				}
				todo.add(method.getGenericReturnType());
				for (Parameter parameter : method.getParameters()) {
					if (parameter.isAnnotationPresent(RequestBody.class)) {
						todo.add(parameter.getParameterizedType());
					}
				}
			}
		}
		Set<Class<?>> found = new HashSet<>();
		while (!todo.isEmpty()) {
			Type type = todo.pop();
			if (type instanceof ParameterizedType parameterized) {
				todo.addAll(List.of(parameterized.getActualTypeArguments()));
			}
			else if (type instanceof WildcardType wildcard) {
				todo.addAll(List.of(wildcard.getUpperBounds()));
			}
			else if (type instanceof Class<?> cls) {
				if (cls.isArray()) {
					todo.add(cls.getComponentType());
				}
				else if (cls.getName().startsWith("org.fengqiao.") && found.add(cls) && cls.isRecord()) {
					for (RecordComponent component : cls.getRecordComponents()) {
						todo.add(component.getGenericType());
					}
				}
			}
		}
		return found;
	}

}
