package org.fengqiao.organisation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The people, with personal data sealed on the way in. Every query that lists people
 * takes a data scope.
 */
@Repository
class People {

	/**
	 * A person as registered: the plain ID and phone numbers are sealed before they reach
	 * the database.
	 */
	record Registration(String name, String gender, String unitCode, String idNumber, String phone,
			Set<Person.Role> roles, Set<String> duties, String thirdParty) {
	}

	private static final String SELECT = """
			select p.id, p.name, p.gender, p.unit_code, p.id_number_masked, p.phone_masked, p.duties, p.third_party,
			       coalesce((select array_agg(r.role order by r.role) from person_role r where r.person_id = p.id), '{}') as roles
			from person p""";

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	private final java.time.Clock clock;

	People(JdbcClient jdbc, FieldCipher cipher, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
	}

	long register(Registration r) {
		String id = PersonalData.normaliseIdNumber(r.idNumber());
		String phone = PersonalData.normalisePhone(r.phone());
		FieldCipher.Sealed sealedId = id == null ? null : cipher.seal(id);
		FieldCipher.Sealed sealedPhone = phone == null ? null : cipher.seal(phone);
		long personId = jdbc
			.sql("""
					insert into person (name, gender, unit_code, id_number_key, id_number_sealed, id_number_hash, id_number_masked,
					                    phone_key, phone_sealed, phone_hash, phone_masked, duties, third_party)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::varchar[], ?) returning id""")
			.params(r.name(), r.gender(), r.unitCode(), sealedId == null ? null : sealedId.keyId(),
					sealedId == null ? null : sealedId.value(), id == null ? null : cipher.lookupHash(id),
					id == null ? null : PersonalData.maskIdNumber(id), sealedPhone == null ? null : sealedPhone.keyId(),
					sealedPhone == null ? null : sealedPhone.value(), phone == null ? null : cipher.lookupHash(phone),
					phone == null ? null : PersonalData.maskPhone(phone), pgArray(r.duties()), r.thirdParty())
			.query(Long.class)
			.single();
		for (Person.Role role : r.roles()) {
			jdbc.sql("insert into person_role (person_id, role) values (?, ?)").params(personId, role.name()).update();
		}
		return personId;
	}

	Optional<Long> findIdByIdNumber(String idNumber) {
		return jdbc.sql("select id from person where id_number_hash = ?")
			.param(cipher.lookupHash(PersonalData.normaliseIdNumber(idNumber)))
			.query(Long.class)
			.optional();
	}

	/**
	 * The person if the scope covers them; otherwise empty, exactly as if they did not
	 * exist.
	 */
	Optional<Person> find(long id, DataScope scope) {
		return jdbc.sql(SELECT + " where p.id = :id and " + scope.personFilter("p"))
			.param("id", id)
			.params(scope.parameters())
			.param("today", java.time.LocalDate.now(clock))
			.query(People::map)
			.optional();
	}

	List<Person> list(DataScope scope, Person.Role role, String gridCode, int offset, int limit) {
		return jdbc
			.sql(SELECT + " where " + scope.personFilter("p") + filters(role, gridCode)
					+ " order by p.id offset :offset limit :limit")
			.params(scope.parameters())
			.param("today", java.time.LocalDate.now(clock))
			.param("role", role == null ? null : role.name())
			.param("grid", gridCode)
			.param("offset", offset)
			.param("limit", limit)
			.query(People::map)
			.list();
	}

	long count(DataScope scope, Person.Role role, String gridCode) {
		return jdbc.sql("select count(*) from person p where " + scope.personFilter("p") + filters(role, gridCode))
			.params(scope.parameters())
			.param("today", java.time.LocalDate.now(clock))
			.param("role", role == null ? null : role.name())
			.param("grid", gridCode)
			.query(Long.class)
			.single();
	}

	private static String filters(Person.Role role, String gridCode) {
		return (role == null ? ""
				: " and exists (select 1 from person_role r where r.person_id = p.id and r.role = :role)")
				+ (gridCode == null ? ""
						: " and exists (select 1 from assignment a where a.person_id = p.id and a.grid_code = :grid)");
	}

	/** The plain value of a sealed field, for an audited reveal. */
	Optional<String> reveal(long id, String field) {
		String column = switch (field) {
			case "idNumber" -> "id_number";
			case "phone" -> "phone";
			default -> throw new IllegalArgumentException("Unknown field " + field);
		};
		return jdbc.sql("select " + column + "_key as k, " + column + "_sealed as v from person where id = ?")
			.param(id)
			.query((rs, n) -> rs.getBytes("v") == null ? null : cipher.open(rs.getString("k"), rs.getBytes("v")))
			.optional();
	}

	private static Person map(ResultSet rs, int row) throws SQLException {
		return new Person(rs.getLong("id"), rs.getString("name"), rs.getString("gender"), rs.getString("unit_code"),
				rs.getString("id_number_masked"), rs.getString("phone_masked"),
				strings(rs.getArray("roles")).stream()
					.map(Person.Role::valueOf)
					.collect(Collectors.toCollection(TreeSet::new)),
				new TreeSet<>(strings(rs.getArray("duties"))), rs.getString("third_party"));
	}

	private static Set<String> strings(Array array) throws SQLException {
		return array == null ? Set.of() : new HashSet<>(Arrays.asList((String[]) array.getArray()));
	}

	static String pgArray(Set<String> values) {
		return values.stream().map(v -> "\"" + v.replace("\"", "") + "\"").collect(Collectors.joining(",", "{", "}"));
	}

}
