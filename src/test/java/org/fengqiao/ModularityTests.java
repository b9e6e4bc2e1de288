package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules and the one way they depend on each other (STYLE.md): {@code geo} ←
 * {@code organisation} ← {@code dispatch} ← {@code mediation}, everything on the open
 * {@code platform}, and {@code demo} on top, depended on by none. The documentation
 * written here (docs/modules/, committed) shows exactly what these tests assert.
 */
@Execution(ExecutionMode.CONCURRENT)
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(FengqiaoApplication.class);

	/**
	 * Each module and the modules it may use; no other module may use anything of it
	 * unless listed here.
	 */
	static final Map<String, Set<String>> ALLOWED = Map.of( //
			"platform", Set.of(), //
			"geo", Set.of("platform"), //
			"organisation", Set.of("platform", "geo"), //
			"dispatch", Set.of("platform", "geo", "organisation"), //
			"mediation", Set.of("platform", "geo", "organisation", "dispatch"), //
			"statistics", Set.of("platform", "geo", "organisation", "dispatch", "mediation"), //
			"demo", Set.of("platform", "geo", "organisation", "dispatch", "mediation"));

	/**
	 * Modules that must be there (demo joins when the demo data moves out of the domain
	 * packages).
	 */
	static final Set<String> REQUIRED = Set.of("platform", "geo", "organisation", "dispatch", "mediation",
			"statistics");

	static final Path DOCS = Path.of("docs/modules");

	/**
	 * A relation in the C4 PlantUML diagram:
	 * {@code Rel(App.App.Dispatch, App.App.Geo, "uses", ...)}.
	 */
	static final Pattern RELATION = Pattern.compile("Rel\\([\\w.]*\\.(\\w+), [\\w.]*\\.(\\w+),");

	@Test
	void verifiesModuleBoundaries() {
		modules.verify();
	}

	@Test
	void theModulesAreTheOnesWeExpect() {
		Set<String> names = modules.stream()
			.map(ApplicationModule::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(names).containsAll(REQUIRED).isSubsetOf(ALLOWED.keySet());
	}

	@Test
	void eachModuleDeclaresAndUsesOnlyItsAllowedDependencies() throws ClassNotFoundException {
		for (ApplicationModule module : modules) {
			Set<String> allowed = ALLOWED.get(module.getName());
			if (!module.getName().equals("platform")) {
				var declared = Class.forName(module.getBasePackage().getName() + ".package-info")
					.getAnnotation(org.springframework.modulith.ApplicationModule.class);
				assertThat(declared).as("%s declares its dependencies in package-info.java", module.getName())
					.isNotNull();
				assertThat(Set.of(declared.allowedDependencies())).as("allowedDependencies of %s", module.getName())
					.isEqualTo(allowed);
			}
			Set<String> used = module.getDirectDependencies(modules)
				.uniqueModules()
				.map(ApplicationModule::getName)
				.collect(Collectors.toSet());
			assertThat(used).as("modules %s uses", module.getName()).isSubsetOf(allowed);
		}
	}

	@Test
	void platformDependsOnNoBusinessModule() {
		ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
		assertThat(platform.isOpen()).as("platform is open: every module uses its types").isTrue();
		assertThat(platform.getDirectDependencies(modules).uniqueModules().map(ApplicationModule::getName)).isEmpty();
	}

	/**
	 * Modulith writes a diagram's relations and a canvas's lists of types and events in
	 * the order of a hash set; sorted, the committed files change only when the modules
	 * do.
	 */
	static void inAStableOrder() throws IOException {
		try (var files = Files.list(DOCS)) {
			for (Path file : files.filter((f) -> f.toString().matches(".*\\.(puml|adoc)")).toList()) {
				List<String> lines = new ArrayList<>(Files.readAllLines(file));
				int start = 0;
				while (start < lines.size()) {
					// A canvas's list may open a table cell: "|* `first`", then "*
					// `next`".
					boolean cell = lines.get(start).startsWith("|* `");
					if (cell) {
						lines.set(start, lines.get(start).substring(1));
					}
					int end = start;
					while (end < lines.size()
							&& (lines.get(end).startsWith("Rel(") || lines.get(end).startsWith("* `"))) {
						end++;
					}
					Collections.sort(lines.subList(start, end));
					if (cell) {
						lines.set(start, "|" + lines.get(start));
					}
					start = Math.max(end, start + 1);
				}
				Files.write(file, lines);
			}
		}
	}

	@Test
	void writesModuleDocumentation() throws IOException {
		JavadocForTheCanvas.readableByModulith();
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases()
			.writeAggregatingDocument();
		inAStableOrder();

		String components = Files.readString(DOCS.resolve("components.puml"));
		for (ApplicationModule module : modules) {
			String name = module.getName();
			assertThat(DOCS.resolve("module-" + name + ".puml")).exists();
			assertThat(DOCS.resolve("module-" + name + ".adoc")).exists();
			assertThat(components).as("the component diagram shows %s", name).contains(module.getDisplayName());
		}
		assertThat(DOCS.resolve("all-docs.adoc")).exists();
		// The diagram draws exactly the dependencies the code has, all of them allowed.
		Set<String> drawn = new TreeSet<>();
		Matcher relation = RELATION.matcher(components);
		while (relation.find()) {
			drawn.add(relation.group(1).toLowerCase() + " -> " + relation.group(2).toLowerCase());
		}
		Set<String> actual = new TreeSet<>();
		for (ApplicationModule module : modules) {
			module.getDirectDependencies(modules)
				.uniqueModules()
				.forEach((target) -> actual.add(module.getName() + " -> " + target.getName()));
		}
		assertThat(drawn).isEqualTo(actual).isNotEmpty();
	}

}
