package org.fengqiao.platform;

/**
 * The one rule for text the platform accepts from outside: no NUL and no other C0 control
 * character (nor DEL), except tab, line feed and carriage return. PostgreSQL cannot store
 * NUL at all, and the others have no place in names, descriptions or codes (terminal
 * escapes, log forging). Applied to JSON text by {@link HostileInput}, to parameters,
 * paths and headers by {@link ControlCharacterFilter}, and by importers to what they read
 * from files.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * Whether the text holds a control character other than tab, line feed and carriage
	 * return.
	 */
	public static boolean present(CharSequence text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (forbidden(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	static boolean forbidden(char c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
	}

}
