package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.fengqiao.platform.DomainException;
import org.junit.jupiter.api.Test;

/** An import body is read up to the limit and refused, as too large, one byte past it. */
class BoundedBodyTests {

	static final DomainException TOO_LARGE = new DomainException(DomainException.Kind.TOO_LARGE, "import-too-large",
			"too large");

	@Test
	void aBodyOfExactlyTheLimitIsReadWhole() throws Exception {
		InputStream in = GeoApi.bounded(new ByteArrayInputStream(new byte[100]), 100, () -> TOO_LARGE);
		assertThat(in.readAllBytes()).hasSize(100);
	}

	@Test
	void oneByteMoreIsRefusedAsTooLarge() {
		InputStream in = GeoApi.bounded(new ByteArrayInputStream(new byte[101]), 100, () -> TOO_LARGE);
		assertThatThrownBy(in::readAllBytes).isSameAs(TOO_LARGE);
		InputStream single = GeoApi.bounded(new ByteArrayInputStream(new byte[5]), 3, () -> TOO_LARGE);
		assertThatThrownBy(() -> {
			while (single.read() >= 0) {
				// read byte by byte
			}
		}).isInstanceOf(DomainException.class);
	}

	@Test
	void closingClosesTheBody() throws Exception {
		boolean[] closed = { false };
		InputStream body = new ByteArrayInputStream(new byte[1]) {
			@Override
			public void close() {
				closed[0] = true;
			}
		};
		GeoApi.bounded(body, 10, () -> TOO_LARGE).close();
		assertThat(closed[0]).isTrue();
	}

}
