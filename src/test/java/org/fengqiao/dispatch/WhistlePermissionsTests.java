package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fengqiao.dispatch.WhistlePermissions.Relation;
import org.fengqiao.dispatch.WhistlePermissions.Requirement;
import org.fengqiao.dispatch.WhistlePermissions.Role;
import org.junit.jupiter.api.Test;

/**
 * The whistle permission table, without Spring: the whole matrix against
 * docs/permissions.md, and its key rules.
 */
class WhistlePermissionsTests {

	static final Path DOC = Path.of("docs/permissions.md");

	/** Every subset of the relations an actor may have to a whistle. */
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

	/** The documented table: "action|STATE" → role → requirement. */
	static Map<String, Map<Role, Requirement>> documented() throws IOException {
		String doc = Files.readString(DOC);
		String table = doc.substring(doc.indexOf("<!-- whistle-permissions:start -->"),
				doc.indexOf("<!-- whistle-permissions:end -->"));
		List<String> rows = table.lines().filter(l -> l.startsWith("|")).toList();
		List<String> header = cells(rows.get(0));
		assertThat(header.subList(0, 2)).containsExactly("action", "state");
		List<Role> roles = header.subList(2, header.size()).stream().map(Role::valueOf).toList();
		assertThat(roles).as("one column per role").containsExactlyInAnyOrder(Role.values());
		Map<String, Map<Role, Requirement>> documented = new HashMap<>();
		for (String row : rows.subList(2, rows.size())) {
			List<String> c = cells(row);
			assertThat(c).as(row).hasSize(header.size());
			Map<Role, Requirement> cells = new HashMap<>();
			for (int i = 0; i < roles.size(); i++) {
				cells.put(roles.get(i), Requirement.ofCell(c.get(i + 2)));
			}
			String key = WhistleAction.of(c.get(0)).orElseThrow(() -> new AssertionError("No action " + c.get(0))) + "|"
					+ Whistle.State.valueOf(c.get(1));
			assertThat(documented.put(key, cells)).as("one row for " + key).isNull();
		}
		return documented;
	}

	private static List<String> cells(String row) {
		String inner = row.strip().substring(1, row.strip().length() - 1);
		return java.util.Arrays.stream(inner.split("\\|")).map(String::strip).toList();
	}

	@Test
	void theDocumentedTableIsTheTableTheCodeChecks() throws IOException {
		Map<String, Map<Role, Requirement>> documented = documented();
		List<String> differences = new ArrayList<>();
		int cells = 0;
		for (WhistleAction action : WhistleAction.values()) {
			for (Whistle.State state : Whistle.State.values()) {
				Map<Role, Requirement> row = documented.get(action + "|" + state);
				if ((row != null) != Whistle.allows(action, state)) {
					differences.add(action + " " + state + ": documented " + (row != null) + ", state machine "
							+ Whistle.allows(action, state));
				}
				for (Role role : Role.values()) {
					for (Set<Relation> relations : allRelations()) {
						boolean expected = row != null && row.get(role).metBy(relations);
						boolean actual = WhistlePermissions.permits(role, action, state, relations);
						cells++;
						if (expected != actual) {
							differences.add(action + " " + state + " " + role + " " + relations + ": documented "
									+ expected + ", code " + actual);
						}
					}
				}
			}
		}
		assertThat(cells)
			.isEqualTo(WhistleAction.values().length * Whistle.State.values().length * Role.values().length * 16);
		assertThat(differences)
			.as("docs/permissions.md differs from WhistlePermissions; the code's table is:%n%s",
					WhistlePermissions.markdown())
			.isEmpty();
	}

	@Test
	void confirmingReopeningAndRatingAreTheResidentsAlone() {
		for (Role role : Role.values()) {
			for (Set<Relation> relations : allRelations()) {
				boolean resident = role == Role.RESIDENT && relations.contains(Relation.TRACKING_CODE);
				assertThat(WhistlePermissions.permits(role, WhistleAction.CONFIRM, Whistle.State.RESOLVED, relations))
					.as("%s %s confirms", role, relations)
					.isEqualTo(resident);
				assertThat(WhistlePermissions.permits(role, WhistleAction.REOPEN, Whistle.State.RESOLVED, relations))
					.as("%s %s reopens", role, relations)
					.isEqualTo(resident);
			}
		}
	}

	@Test
	void noGridWorkerOrOfficerClosesTransfersOrDecidesForAChief() {
		for (Role role : EnumSet.of(Role.GRID_WORKER, Role.OFFICER)) {
			for (WhistleAction a : EnumSet.of(WhistleAction.CLOSE, WhistleAction.TRANSFER, WhistleAction.SUSPEND,
					WhistleAction.RESUME, WhistleAction.SUPERVISE, WhistleAction.REJECT, WhistleAction.REDISPATCH)) {
				assertThat(WhistlePermissions.requirement(a, role)).as("%s %s", role, a).isEqualTo(Requirement.NEVER);
			}
		}
	}

	@Test
	void aMergeNeedsBothWhistlesInScope() {
		Set<Relation> sourceOnly = EnumSet.of(Relation.IN_SCOPE, Relation.RESPONDER);
		Set<Relation> both = EnumSet.of(Relation.IN_SCOPE, Relation.TARGET_IN_SCOPE);
		for (Role role : EnumSet.of(Role.COMMAND, Role.STATION, Role.TOWNSHIP, Role.GRID_WORKER, Role.OFFICER)) {
			assertThat(WhistlePermissions.permits(role, WhistleAction.MERGE, Whistle.State.DISPATCHED, sourceOnly))
				.isFalse();
			assertThat(WhistlePermissions.permits(role, WhistleAction.MERGE, Whistle.State.DISPATCHED, both)).isTrue();
		}
	}

	@Test
	void staffOutsideTheWhistleAreToldItDoesNotExistAndOthersThatTheyMayNot() {
		assertThatThrownBy(() -> WhistlePermissions.check(EnumSet.of(Role.GRID_WORKER), WhistleAction.ACCEPT, Set.of()))
			.isInstanceOfSatisfying(WhistlePermissions.Denied.class, d -> assertThat(d.hidden).isTrue());
		assertThatThrownBy(() -> WhistlePermissions.check(EnumSet.of(Role.GRID_WORKER), WhistleAction.CONFIRM,
				EnumSet.of(Relation.IN_SCOPE, Relation.RESPONDER)))
			.isInstanceOfSatisfying(WhistlePermissions.Denied.class, d -> assertThat(d.hidden).isFalse())
			.hasMessageContaining("RESIDENT: code");
		// Several roles: any one that may is enough.
		WhistlePermissions.check(EnumSet.of(Role.GRID_WORKER, Role.TOWNSHIP), WhistleAction.SUSPEND,
				EnumSet.of(Relation.IN_SCOPE));
		WhistlePermissions.check(EnumSet.of(Role.RESIDENT), WhistleAction.CONFIRM, EnumSet.of(Relation.TRACKING_CODE));
		assertThatThrownBy(() -> WhistlePermissions.check(EnumSet.of(Role.RESIDENT), WhistleAction.CONFIRM, Set.of()))
			.isInstanceOf(WhistlePermissions.Denied.class);
	}

}
