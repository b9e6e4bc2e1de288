package org.fengqiao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Signed checkpoints of the audit chain's head, appended to a file outside the database:
 * one line per checkpoint, {@code v1 <seq> <head hash> <time> <signature>}, the signature
 * an HMAC-SHA256 with the audit key over the other fields. Someone who can change the
 * database but not this file (nor knows the key) cannot make the table agree with an
 * earlier checkpoint after removing or rewriting entries up to it.
 */
final class AuditCheckpoints {

	/**
	 * One signed checkpoint: the chain had {@code seq} entries, the last with hash
	 * {@code head}.
	 */
	record Checkpoint(int line, long seq, String head, Instant at) {
	}

	/** A line of the file that is not a checkpoint signed with the audit key. */
	static final class Forged extends RuntimeException {

		final int line;

		Forged(int line, String message) {
			super(message);
			this.line = line;
		}

	}

	private static final String DOMAIN = "fengqiao-audit-checkpoint";

	private final Path file;

	private final AuditKey key;

	AuditCheckpoints(Path file, AuditKey key) {
		this.file = file.toAbsolutePath().normalize();
		this.key = key;
	}

	Path file() {
		return file;
	}

	/**
	 * Every checkpoint in the file, in the order written; a line with a bad signature is
	 * {@link Forged}.
	 */
	synchronized List<Checkpoint> read() {
		List<Checkpoint> checkpoints = new ArrayList<>();
		if (!Files.exists(file)) {
			return checkpoints;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the audit checkpoints in " + file, e);
		}
		for (int i = 0; i < lines.size(); i++) {
			String text = lines.get(i).strip();
			if (text.isEmpty()) {
				continue;
			}
			String[] f = text.split(" ");
			if (f.length != 5 || !f[0].equals("v1")) {
				throw new Forged(i + 1, "line " + (i + 1) + " of the checkpoint file is not a checkpoint");
			}
			long seq;
			Instant at;
			try {
				seq = Long.parseLong(f[1]);
				at = Instant.parse(f[3]);
			}
			catch (NumberFormatException | DateTimeParseException e) {
				throw new Forged(i + 1, "line " + (i + 1) + " of the checkpoint file is not a checkpoint");
			}
			if (!MessageDigest.isEqual(sign(seq, f[2], f[3]).getBytes(StandardCharsets.US_ASCII),
					f[4].getBytes(StandardCharsets.US_ASCII))) {
				throw new Forged(i + 1, "checkpoint line " + (i + 1) + " is not signed with the audit key");
			}
			checkpoints.add(new Checkpoint(i + 1, seq, f[2], at));
		}
		return checkpoints;
	}

	/** Appends a signed checkpoint and forces it to disk. */
	synchronized void append(long seq, String head, Instant at) {
		String time = at.toString();
		String line = "v1 " + seq + " " + head + " " + time + " " + sign(seq, head, time) + "\n";
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND)) {
				ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot append an audit checkpoint to " + file, e);
		}
	}

	private String sign(long seq, String head, String time) {
		return key.mac(DOMAIN, String.valueOf(seq), head, time);
	}

}
