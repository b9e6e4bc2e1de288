package org.fengqiao.organisation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads a county's organisation in bulk, for example from its personnel records or the
 * demo generator: units, people, their assignments and duty rosters, and which account
 * belongs to which person. Kinds and roles are the names of the module's own sets
 * ({@link #UNIT_KINDS}, {@link #ROLES}, {@link #ASSIGNMENT_KINDS}, {@link #SPECIALTIES});
 * an unknown name is refused.
 */
@Component
public class OrganisationImport {

	/** The kinds of unit. */
	public static final List<String> UNIT_KINDS = names(Unit.Kind.values());

	/** The roles of a person. */
	public static final List<String> ROLES = names(Person.Role.values());

	/** The kinds of assignment. */
	public static final List<String> ASSIGNMENT_KINDS = names(Assignment.Kind.values());

	/** The six specialties of the six-sided matrix, in their order. */
	public static final List<String> SPECIALTIES = names(Assignment.Specialty.values());

	/** The eight duties of a community officer. */
	public static final Set<String> OFFICER_DUTIES = Person.OFFICER_DUTIES;

	/** A unit in the tree, serving an area (a division or grid code). */
	public record NewUnit(String code, String name, String kind, String parentCode, String areaCode,
			String stationCode) {
	}

	/** A person with the plain ID and phone numbers, sealed before they are stored. */
	public record NewPerson(String name, String gender, String unitCode, String idNumber, String phone,
			Set<String> roles, Set<String> duties, String thirdParty) {
	}

	/** An assignment running since {@code validFrom}. */
	public record NewAssignment(long personId, String kind, String gridCode, String policeGridCode,
			String policeRoomCode, String unitCode, String specialty, Boolean fullTime, LocalDate validFrom) {
	}

	/** A duty shift of a roster: a fixed post at a police room, or mobile. */
	public record DutyShift(long personId, String policeRoomCode, String policeGridCode, String kind, Instant startsAt,
			Instant endsAt, boolean community) {
	}

	private final Units units;

	private final People people;

	private final Assignments assignments;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final PersonAccounts personAccounts;

	OrganisationImport(Units units, People people, Assignments assignments, JdbcClient jdbc, JdbcTemplate jdbcTemplate,
			PersonAccounts personAccounts) {
		this.personAccounts = personAccounts;
		this.units = units;
		this.people = people;
		this.assignments = assignments;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** Whether the unit is stored already. */
	public boolean hasUnit(String code) {
		return units.exists(code);
	}

	public void add(NewUnit u) {
		units.add(new Unit(u.code(), u.name(), Unit.Kind.valueOf(u.kind()), u.parentCode(), u.areaCode(),
				u.stationCode()));
	}

	/**
	 * Registers a person.
	 * @return the person's id
	 */
	public long register(NewPerson p) {
		Set<Person.Role> roles = EnumSet.noneOf(Person.Role.class);
		p.roles().forEach(r -> roles.add(Person.Role.valueOf(r)));
		return people.register(new People.Registration(p.name(), p.gender(), p.unitCode(), p.idNumber(), p.phone(),
				roles, p.duties(), p.thirdParty()));
	}

	public void assign(NewAssignment a) {
		if (a.specialty() != null) {
			Assignment.Specialty.valueOf(a.specialty());
		}
		assignments
			.add(new Assignment(null, a.personId(), Assignment.Kind.valueOf(a.kind()), a.gridCode(), a.policeGridCode(),
					a.policeRoomCode(), a.unitCode(), a.specialty(), a.fullTime(), a.validFrom(), null));
	}

	/** Stores the shifts of a roster in one batch. */
	public void addDutyShifts(List<DutyShift> shifts) {
		jdbcTemplate.batchUpdate(
				"""
						insert into duty_shift (person_id, police_room_code, police_grid_code, kind, starts_at, ends_at, community)
						values (?, ?, ?, ?, ?, ?, ?)""",
				shifts.stream()
					.map(s -> new Object[] { s.personId(), s.policeRoomCode(), s.policeGridCode(), s.kind(),
							Timestamp.from(s.startsAt()), Timestamp.from(s.endsAt()), s.community() })
					.toList());
	}

	/** Binds an account to the person who uses it. */
	public void linkAccount(String username, long personId) {
		personAccounts.link(username, personId);
	}

	private static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

}
