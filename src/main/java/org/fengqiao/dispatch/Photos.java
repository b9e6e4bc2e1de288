package org.fengqiao.dispatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Photos of a report: at most three, each a real JPEG, PNG or WebP image (checked by its bytes, not by the name
 * or the declared type) within the size limit. Checked before anything is stored.
 */
@Component
class Photos {

	/** A checked photo, ready to store. */
	record Photo(String contentType, byte[] data) {
	}

	static final int MAX_PHOTOS = 3;

	private final JdbcClient jdbc;

	private final long maxBytes;

	Photos(JdbcClient jdbc, @Value("${fengqiao.dispatch.photo-max-bytes:5242880}") long maxBytes) {
		this.jdbc = jdbc;
		this.maxBytes = maxBytes;
	}

	/** @throws Dispatcher.Refused when there are too many, too big or not images */
	List<Photo> check(List<MultipartFile> files) {
		List<Photo> photos = new ArrayList<>();
		if (files == null) {
			return photos;
		}
		List<MultipartFile> present = files.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (present.size() > MAX_PHOTOS) {
			throw new Dispatcher.Refused(422, "too-many-photos", "At most " + MAX_PHOTOS + " photos");
		}
		for (MultipartFile file : present) {
			if (file.getSize() > maxBytes) {
				throw new Dispatcher.Refused(413, "photo-too-large", "A photo may be at most " + maxBytes / (1024 * 1024) + " MB");
			}
			byte[] data;
			try {
				data = file.getBytes();
			}
			catch (IOException e) {
				throw new Dispatcher.Refused(400, "unreadable-photo", "The photo could not be read");
			}
			String type = sniff(data);
			if (type == null) {
				throw new Dispatcher.Refused(415, "not-an-image", "Photos must be JPEG, PNG or WebP images");
			}
			photos.add(new Photo(type, data));
		}
		return photos;
	}

	void store(UUID whistle, List<Photo> photos, String stage, Instant now) {
		for (Photo p : photos) {
			jdbc.sql("insert into whistle_photo (whistle_id, content_type, size, data, stage, uploaded_at) values (?, ?, ?, ?, ?, ?)")
				.params(whistle, p.contentType(), p.data().length, p.data(), stage, Timestamp.from(now))
				.update();
		}
	}

	int count(UUID whistle, String stage) {
		return jdbc.sql("select count(*) from whistle_photo where whistle_id = ? and stage = ?").params(whistle, stage)
			.query(Integer.class).single();
	}

	int count(UUID whistle) {
		return jdbc.sql("select count(*) from whistle_photo where whistle_id = ?").param(whistle).query(Integer.class).single();
	}

	/** The image type from the file's own bytes, and for JPEG and PNG a successful decode; null if not an image. */
	static String sniff(byte[] data) {
		if (data.length > 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F' && data[8] == 'W'
				&& data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
			return "image/webp";
		}
		String type = data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF
				? "image/jpeg"
				: data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G' ? "image/png"
						: null;
		if (type == null) {
			return null;
		}
		try {
			return ImageIO.read(new ByteArrayInputStream(data)) == null ? null : type;
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}
}
