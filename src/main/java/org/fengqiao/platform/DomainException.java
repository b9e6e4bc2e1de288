package org.fengqiao.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business rule said no. Domain code of every module throws this (or a subclass) with a
 * stable {@code type} (the last part of the problem's type URI, e.g. {@code no-session})
 * and a sentence for people; it knows nothing of HTTP. The web layer turns each
 * {@link Kind} into a status in one place, {@link DomainProblems}.
 */
public class DomainException extends RuntimeException {

	/** What kind of no it is, in the domain's words. */
	public enum Kind {

		/** The item does not exist, or lies outside what the caller may know of. */
		NOT_FOUND,
		/** The caller may not do this (role, area or relation to the item). */
		NOT_ALLOWED,
		/** Not now: the item's state or a concurrent change forbids it. */
		CONFLICT,
		/** The input is malformed or out of range. */
		INVALID,
		/** The input is well formed but a rule of the domain rejects it. */
		REJECTED,
		/** The input is larger than the platform accepts. */
		TOO_LARGE

	}

	private final Kind kind;

	private final String type;

	private final Map<String, String> properties;

	public DomainException(Kind kind, String type, String message) {
		this(kind, type, message, Map.of());
	}

	public DomainException(Kind kind, String type, String message, Map<String, String> properties) {
		super(message);
		this.kind = kind;
		this.type = type;
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	public static DomainException notFound(String type, String message) {
		return new DomainException(Kind.NOT_FOUND, type, message);
	}

	public static DomainException notAllowed(String type, String message) {
		return new DomainException(Kind.NOT_ALLOWED, type, message);
	}

	public static DomainException conflict(String type, String message) {
		return new DomainException(Kind.CONFLICT, type, message);
	}

	public static DomainException invalid(String type, String message) {
		return new DomainException(Kind.INVALID, type, message);
	}

	public static DomainException rejected(String type, String message) {
		return new DomainException(Kind.REJECTED, type, message);
	}

	public Kind kind() {
		return this.kind;
	}

	public String type() {
		return this.type;
	}

	/**
	 * Extra members of the problem, e.g. {@code state} for a conflict with the item's
	 * current state.
	 */
	public Map<String, String> properties() {
		return this.properties;
	}

}
