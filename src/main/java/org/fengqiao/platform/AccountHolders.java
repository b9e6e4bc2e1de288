package org.fengqiao.platform;

import java.util.Map;
import java.util.Optional;

/**
 * Who an account belongs to. Platform keeps accounts but knows nothing of people; the
 * module that owns people (organisation) implements this and keeps the link in its own
 * table. Calls run in the caller's transaction.
 */
public interface AccountHolders {

	/**
	 * Links the account to the person, replacing an earlier link.
	 * @throws DomainException (invalid, {@code unknown-person}) when there is no such
	 * person
	 */
	void link(String username, long personId);

	/** The person the account belongs to, if any. */
	Optional<Long> personOf(String username);

	/** Every linked account's person, by user name. */
	Map<String, Long> all();

}
