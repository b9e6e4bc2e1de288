package org.fengqiao;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP stays in the web layer. Domain and application code of the business modules says
 * no with a {@code DomainException}, never with an {@code HttpStatus}; controllers answer
 * with typed records, never with {@code Map<String,Object>}, so that the OpenAPI document
 * describes every field.
 */
@Execution(ExecutionMode.CONCURRENT)
class WebLayerTests {

	static final JavaClasses main = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.fengqiao");

	/**
	 * A web class: a controller or controller advice, a servlet filter, a configuration,
	 * or a class named as the modules name their web entry points ({@code *Api},
	 * {@code *Page}, {@code *Pages}, {@code *Filter}); a nested class (a request or
	 * response record) belongs to its top-level class.
	 */
	static final DescribedPredicate<JavaClass> WEB = DescribedPredicate.describe(
			"web classes (controllers, advice, filters, configurations, *Api, *Page, *Pages, *Filter)",
			(type) -> isWeb(topLevel(type)));

	static final Pattern UNTYPED_MAP = Pattern
		.compile("java\\.util\\.Map<java\\.lang\\.String, (?:java\\.lang\\.Object|\\?)>");

	@Test
	void onlyWebClassesOfTheBusinessModulesUseSpringHttpOrWeb() {
		noClasses().that()
			.resideInAnyPackage("org.fengqiao.geo..", "org.fengqiao.organisation..", "org.fengqiao.dispatch..",
					"org.fengqiao.mediation..", "org.fengqiao.demo..")
			.and(DescribedPredicate.not(WEB))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "org.springframework.web..")
			.because("domain and application code throws DomainException; platform.DomainProblems maps it to HTTP")
			.check(main);
	}

	@Test
	void noControllerAnswersWithAnUntypedMap() {
		noMethods().that()
			.areDeclaredInClassesThat()
			.areMetaAnnotatedWith(RestController.class)
			.should(returnAnUntypedMap())
			.because("API bodies are records, so /v3/api-docs describes each field")
			.allowEmptyShould(true)
			.check(main);
	}

	private static com.tngtech.archunit.lang.ArchCondition<JavaMethod> returnAnUntypedMap() {
		return new com.tngtech.archunit.lang.ArchCondition<>("return Map<String,Object>") {
			@Override
			public void check(JavaMethod method, com.tngtech.archunit.lang.ConditionEvents events) {
				if (method.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC)) {
					return;
				}
				String returned = method.reflect().getGenericReturnType().getTypeName();
				boolean untyped = UNTYPED_MAP.matcher(returned).find();
				events.add(new com.tngtech.archunit.lang.SimpleConditionEvent(method, untyped,
						method.getFullName() + " returns " + returned));
			}
		};
	}

	static JavaClass topLevel(JavaClass type) {
		JavaClass result = type;
		while (result.getEnclosingClass().isPresent()) {
			result = result.getEnclosingClass().get();
		}
		return result;
	}

	static boolean isWeb(JavaClass type) {
		String name = type.getSimpleName();
		return type.isMetaAnnotatedWith(Controller.class) || type.isMetaAnnotatedWith(ControllerAdvice.class)
				|| type.isMetaAnnotatedWith(Configuration.class) || type.isAssignableTo("jakarta.servlet.Filter")
				|| name.endsWith("Api") || name.endsWith("Page") || name.endsWith("Pages") || name.endsWith("Filter");
	}

}
