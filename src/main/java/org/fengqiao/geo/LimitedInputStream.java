package org.fengqiao.geo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Stops reading an upload once it passes a size limit, so an oversize request body is
 * refused without being held.
 */
final class LimitedInputStream extends FilterInputStream {

	static final class TooLarge extends UncheckedIOException {

		TooLarge() {
			super(new IOException("input exceeds the size limit"));
		}

	}

	private final long limit;

	private long read;

	LimitedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		count(b < 0 ? 0 : 1);
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		count(Math.max(n, 0));
		return n;
	}

	private void count(int n) {
		read += n;
		if (read > limit) {
			throw new TooLarge();
		}
	}

}
