package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fengqiao.mediation.DisputePermissions.Relation;
import org.fengqiao.mediation.DisputePermissions.Requirement;
import org.fengqiao.mediation.DisputePermissions.Role;
import org.junit.jupiter.api.Test;

/**
 * The dispute permission table, without Spring: the whole matrix against
 * docs/permissions.md.
 */
class DisputePermissionsTests {

	static List<Set<Relation>> allRelations() {
		List<Set<Relation>> all = new ArrayList<>();
		Relation[] r = Relation.values();
		for (int mask = 0; mask < 1 << r.length; mask++) {
			Set<Relation> set = EnumSet.noneOf(Relation.class);
			for (int i = 0; i < r.length; i++) {
				if ((mask & 1 << i) != 0) {
					set.add(r[i]);
				}
			}
			all.add(set);
		}
		return all;
	}

	/**
	 * The table in docs/permissions.md: action → state → role → requirement; an unknown
	 * action word fails.
	 */
	static Map<DisputeAction, Map<Dispute.State, Map<Role, Requirement>>> documented() throws IOException {
		String doc = Files.readString(Path.of("docs/permissions.md"));
		String table = doc.substring(doc.indexOf("<!-- dispute-permissions:start -->"),
				doc.indexOf("<!-- dispute-permissions:end -->"));
		List<List<String>> rows = table.lines()
			.filter(l -> l.startsWith("|"))
			.map(l -> java.util.Arrays.stream(l.strip().substring(1, l.strip().length() - 1).split("\\|"))
				.map(String::strip)
				.toList())
			.toList();
		List<Role> roles = rows.get(0).subList(2, rows.get(0).size()).stream().map(Role::valueOf).toList();
		assertThat(roles).containsExactlyInAnyOrder(Role.values());
		Map<DisputeAction, Map<Dispute.State, Map<Role, Requirement>>> documented = new EnumMap<>(DisputeAction.class);
		for (List<String> c : rows.subList(2, rows.size())) {
			DisputeAction action = DisputeAction.of(c.get(0))
				.orElseThrow(() -> new AssertionError("docs/permissions.md names no dispute action " + c.get(0)));
			Map<Role, Requirement> cells = new EnumMap<>(Role.class);
			for (int i = 0; i < roles.size(); i++) {
				cells.put(roles.get(i), Requirement.ofCell(c.get(i + 2)));
			}
			assertThat(documented.computeIfAbsent(action, a -> new EnumMap<>(Dispute.State.class))
				.put(Dispute.State.valueOf(c.get(1)), cells)).as("one row").isNull();
		}
		return documented;
	}

	@Test
	void theDocumentedTableIsTheTableTheCodeChecks() throws IOException {
		Map<DisputeAction, Map<Dispute.State, Map<Role, Requirement>>> documented = documented();
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(DisputePermissions.ACTIONS.keySet());
		List<String> differences = new ArrayList<>();
		for (DisputeAction action : DisputePermissions.ACTIONS.keySet()) {
			for (Dispute.State state : Dispute.State.values()) {
				Map<Role, Requirement> row = documented.get(action).get(state);
				for (Role role : Role.values()) {
					for (Set<Relation> relations : allRelations()) {
						boolean expected = row != null && row.get(role).metBy(relations);
						if (expected != DisputePermissions.permits(role, action, state, relations)) {
							differences.add(action + " " + state + " " + role + " " + relations);
						}
					}
				}
			}
		}
		assertThat(differences)
			.as("docs/permissions.md differs from DisputePermissions; the code's table is:%n%s",
					DisputePermissions.markdown())
			.isEmpty();
	}

	@Test
	void theCodesTableReadsAsTheDocumentedOne() throws IOException {
		String doc = Files.readString(Path.of("docs/permissions.md"));
		String table = doc.substring(doc.indexOf("<!-- dispute-permissions:start -->"),
				doc.indexOf("<!-- dispute-permissions:end -->"));
		List<String> documentedRows = table.lines().filter(l -> l.startsWith("|")).toList();
		assertThat(DisputePermissions.markdown().lines().toList()).isEqualTo(documentedRows);
	}

	@Test
	void everyActionKeepsItsWordAndEveryStateMachineEntryIsThere() {
		assertThat(Dispute.ALLOWED_FROM.keySet()).containsExactlyInAnyOrder(DisputeAction.values());
		assertThat(DisputeAction.FOLLOW_UP.word()).isEqualTo("follow-up");
		for (DisputeAction a : DisputeAction.values()) {
			assertThat(DisputeAction.of(a.word())).contains(a);
			assertThat(a.word()).isEqualTo(a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
		}
		assertThat(DisputeAction.of("fail-escalate")).isEmpty();
	}

	@Test
	void aMediatorWhoRecusedMayDoNothingMore() {
		Set<Relation> recused = EnumSet.of(Relation.IN_SCOPE, Relation.ON_CASE, Relation.OF_BODY, Relation.SELF,
				Relation.RECUSED);
		for (DisputeAction action : DisputePermissions.ACTIONS.keySet()) {
			for (Dispute.State state : Dispute.State.values()) {
				assertThat(DisputePermissions.permits(Role.MEDIATOR, action, state, recused)).as(action.word())
					.isFalse();
			}
		}
	}

}
