package org.fengqiao.dispatch;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.fengqiao.platform.DomainException;

/**
 * Photos of a report: at most three, each a real JPEG or PNG image within the size and
 * pixel limits. The format is told by the file's own bytes (not its name or declared
 * type); the pixel count is read from the image header <em>before</em> anything is
 * decoded ({@code fengqiao.dispatch.photo-max-pixels}, 40 megapixels), so a small file
 * declaring 20000 × 20000 pixels is refused without allocating them; then the image is
 * decoded (which proves it is one) and re-encoded as a JPEG. What is stored is only the
 * re-encoded picture: EXIF (GPS position, camera serial), comments and anything appended
 * to the file (an HTML page, a zip: polyglots) are gone. WebP is refused (this runtime
 * has no decoder, and a header alone proves nothing). The picture is turned upright by
 * its EXIF orientation before that is dropped. Checked before anything is stored.
 */
@Component
class Photos {

	/**
	 * A file as it was uploaded: the size it declares, and its bytes, read only once the
	 * size is accepted.
	 */
	interface Upload {

		long size();

		byte[] bytes() throws IOException;

	}

	/**
	 * The file is not an image this platform accepts (JPEG or PNG): the web layer answers
	 * 415 Unsupported Media Type.
	 */
	static final class Unsupported extends DomainException {

		Unsupported(String type, String message) {
			super(Kind.INVALID, type, message);
		}

	}

	/** A checked photo, ready to store. */
	record Photo(String contentType, byte[] data) {
	}

	/** A stored photo: its number on the whistle (1, 2, ... in upload order). */
	record Stored(int number, String stage, String contentType, int size, Instant uploadedAt, byte[] data) {
	}

	static final int MAX_PHOTOS = 3;

	/** JPEG quality of the stored copy. */
	static final float QUALITY = 0.85f;

	private final JdbcClient jdbc;

	private final long maxBytes;

	private final long maxPixels;

	Photos(JdbcClient jdbc, @Value("${fengqiao.dispatch.photo-max-bytes:5242880}") long maxBytes,
			@Value("${fengqiao.dispatch.photo-max-pixels:40000000}") long maxPixels) {
		this.jdbc = jdbc;
		this.maxBytes = maxBytes;
		this.maxPixels = maxPixels;
	}

	/**
	 * @throws DomainException when there are too many, too big or not images
	 */
	List<Photo> check(List<? extends Upload> files) {
		List<Photo> photos = new ArrayList<>();
		if (files == null) {
			return photos;
		}
		List<Upload> present = files.stream().filter(f -> f != null && f.size() > 0).map(Upload.class::cast).toList();
		if (present.size() > MAX_PHOTOS) {
			throw DomainException.rejected("too-many-photos", "At most " + MAX_PHOTOS + " photos");
		}
		for (Upload file : present) {
			if (file.size() > maxBytes) {
				throw new DomainException(DomainException.Kind.TOO_LARGE, "photo-too-large",
						"A photo may be at most " + maxBytes / (1024 * 1024) + " MB");
			}
			byte[] data;
			try {
				data = file.bytes();
			}
			catch (IOException e) {
				throw DomainException.invalid("unreadable-photo", "The photo could not be read");
			}
			photos.add(clean(data));
		}
		return photos;
	}

	/**
	 * The photo as it will be stored: header checked, decoded, turned upright and
	 * re-encoded as JPEG.
	 * @throws DomainException 415 when it is not a JPEG or PNG image, 413 when it has too
	 * many pixels
	 */
	Photo clean(byte[] data) {
		String format = format(data);
		if ("webp".equals(format) && !ImageIO.getImageReadersByFormatName("webp").hasNext()) {
			throw new Unsupported("webp-not-supported", "WebP photos are not accepted; send a JPEG or PNG image");
		}
		if (format == null) {
			throw notAnImage();
		}
		BufferedImage image;
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
			if (in == null || !readers.hasNext()) {
				throw notAnImage();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long width = reader.getWidth(0);
				long height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw notAnImage();
				}
				if (width * height > maxPixels) {
					throw new DomainException(DomainException.Kind.TOO_LARGE, "photo-too-many-pixels",
							"A photo may have at most " + maxPixels / 1_000_000 + " megapixels; this one declares "
									+ width + " × " + height);
				}
				image = reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (DomainException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			throw notAnImage();
		}
		if (image == null) {
			throw notAnImage();
		}
		BufferedImage upright = "jpeg".equals(format) ? upright(image, orientation(data)) : image;
		return new Photo("image/jpeg", jpeg(upright));
	}

	private static DomainException notAnImage() {
		return new Unsupported("not-an-image", "Photos must be JPEG or PNG images");
	}

	/** The format by the file's first bytes: jpeg, png, webp, or null. */
	static String format(byte[] data) {
		if (data.length > 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F' && data[8] == 'W'
				&& data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
			return "webp";
		}
		if (data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
			return "jpeg";
		}
		if (data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
			return "png";
		}
		return null;
	}

	/**
	 * A baseline JPEG of the pixels alone: an opaque RGB copy (transparent areas white),
	 * no metadata but JFIF.
	 */
	static byte[] jpeg(BufferedImage image) {
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
			g.drawImage(image, 0, 0, null);
		}
		finally {
			g.dispose();
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(QUALITY);
			writer.write(null, new IIOImage(rgb, null, null), param);
		}
		catch (IOException e) {
			throw new IllegalStateException("JPEG encoding failed", e);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	/** The EXIF orientation (1-8) of a JPEG, 1 when it has none or it cannot be read. */
	static int orientation(byte[] jpeg) {
		try {
			int i = 2;
			while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
				int marker = jpeg[i + 1] & 0xFF;
				int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
				if (marker == 0xDA || length < 2) {
					return 1;
				}
				int start = i + 4;
				if (marker == 0xE1 && length > 14 && start + 6 <= jpeg.length
						&& new String(jpeg, start, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif")) {
					int tiff = start + 6;
					boolean little = jpeg[tiff] == 'I';
					int ifd = tiff + int32(jpeg, tiff + 4, little);
					int entries = int16(jpeg, ifd, little);
					for (int e = 0; e < entries && e < 500; e++) {
						int entry = ifd + 2 + e * 12;
						if (int16(jpeg, entry, little) == 0x0112) {
							int value = int16(jpeg, entry + 8, little);
							return value >= 1 && value <= 8 ? value : 1;
						}
					}
					return 1;
				}
				i = start + length - 2;
			}
		}
		catch (RuntimeException e) {
			// a damaged EXIF block: keep the picture as it is
		}
		return 1;
	}

	private static int int16(byte[] b, int at, boolean little) {
		int a = b[at] & 0xFF, c = b[at + 1] & 0xFF;
		return little ? (c << 8) | a : (a << 8) | c;
	}

	private static int int32(byte[] b, int at, boolean little) {
		return little ? int16(b, at, true) | (int16(b, at + 2, true) << 16)
				: (int16(b, at, false) << 16) | int16(b, at + 2, false);
	}

	/**
	 * The picture turned as its EXIF orientation says (rotations 3, 6, 8; mirrored
	 * variants are left as they are).
	 */
	static BufferedImage upright(BufferedImage image, int orientation) {
		int w = image.getWidth(), h = image.getHeight();
		AffineTransform t;
		int nw = w, nh = h;
		switch (orientation) {
			case 3 -> t = new AffineTransform(-1, 0, 0, -1, w, h);
			case 6 -> {
				t = new AffineTransform(0, 1, -1, 0, h, 0);
				nw = h;
				nh = w;
			}
			case 8 -> {
				t = new AffineTransform(0, -1, 1, 0, 0, w);
				nw = h;
				nh = w;
			}
			default -> {
				return image;
			}
		}
		BufferedImage turned = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = turned.createGraphics();
		try {
			g.drawImage(image, t, null);
		}
		finally {
			g.dispose();
		}
		return turned;
	}

	void store(UUID whistle, List<Photo> photos, String stage, Instant now) {
		for (Photo p : photos) {
			jdbc.sql(
					"insert into whistle_photo (whistle_id, content_type, size, data, stage, uploaded_at) values (?, ?, ?, ?, ?, ?)")
				.params(whistle, p.contentType(), p.data().length, p.data(), stage, Timestamp.from(now))
				.update();
		}
	}

	int count(UUID whistle, String stage) {
		return jdbc.sql("select count(*) from whistle_photo where whistle_id = ? and stage = ?")
			.params(whistle, stage)
			.query(Integer.class)
			.single();
	}

	int count(UUID whistle) {
		return jdbc.sql("select count(*) from whistle_photo where whistle_id = ?")
			.param(whistle)
			.query(Integer.class)
			.single();
	}

	/** The whistle's photos without their bytes, numbered from 1 in upload order. */
	List<Stored> list(UUID whistle) {
		return jdbc.sql("""
				select row_number() over (order by uploaded_at, id) as n, stage, content_type, size, uploaded_at
				from whistle_photo where whistle_id = ? order by uploaded_at, id""")
			.param(whistle)
			.query((rs, i) -> new Stored(rs.getInt("n"), rs.getString("stage"), rs.getString("content_type"),
					rs.getInt("size"), rs.getTimestamp("uploaded_at").toInstant(), null))
			.list();
	}

	/** Photo number {@code n} of the whistle, with its bytes. */
	Optional<Stored> get(UUID whistle, int n) {
		if (n < 1 || n > 100) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select stage, content_type, size, uploaded_at, data from whistle_photo where whistle_id = ?
				order by uploaded_at, id offset ? limit 1""")
			.params(whistle, n - 1)
			.query((rs, i) -> new Stored(n, rs.getString("stage"), rs.getString("content_type"), rs.getInt("size"),
					rs.getTimestamp("uploaded_at").toInstant(), rs.getBytes("data")))
			.optional();
	}

}
