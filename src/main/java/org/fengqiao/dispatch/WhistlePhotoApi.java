package org.fengqiao.dispatch;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff view the photos of a whistle in their data scope (the resident's and the
 * responders'): a list, and each photo as the re-encoded JPEG that was stored
 * ({@link Photos}), served so a browser can only show it as an image: its own content
 * type, {@code X-Content-Type-Options: nosniff}, a sandboxing Content-Security-Policy and
 * no caching by shared caches. Outside the caller's area a whistle does not exist (404),
 * as everywhere in the API.
 */
@RestController
class WhistlePhotoApi {

	private final Whistles whistles;

	private final DataScopes scopes;

	private final Photos photos;

	WhistlePhotoApi(Whistles whistles, DataScopes scopes, Photos photos) {
		this.whistles = whistles;
		this.scopes = scopes;
		this.photos = photos;
	}

	/**
	 * One photo of a whistle as the list shows it; {@code url} serves the picture itself.
	 */
	record PhotoEntry(@Schema(description = "1, 2, 3 … in the order stored") int number,
			@Schema(description = "REPORT (the resident's) or RESOLUTION (the work done)") String stage,
			@Schema(description = "image/jpeg for every photo stored re-encoded") String contentType,
			@Schema(description = "bytes") int size, Instant uploadedAt, String url) {
	}

	@GetMapping("/api/v1/whistles/{id}/photos")
	List<PhotoEntry> list(@PathVariable UUID id) {
		inScope(id);
		return photos.list(id)
			.stream()
			.map(p -> new PhotoEntry(p.number(), p.stage(), p.contentType(), p.size(), p.uploadedAt(),
					"/api/v1/whistles/" + id + "/photos/" + p.number()))
			.toList();
	}

	@ApiResponse(responseCode = "200", description = "the photo as stored",
			content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
	@GetMapping("/api/v1/whistles/{id}/photos/{number}")
	ResponseEntity<byte[]> photo(@PathVariable UUID id, @PathVariable int number) {
		inScope(id);
		Photos.Stored photo = photos.get(id, number)
			.orElseThrow(
					() -> DomainException.notFound("photo-not-found", "Whistle " + id + " has no photo " + number));
		// Stored before re-encoding existed: only JPEG and PNG are shown inline, anything
		// else is a download.
		boolean image = photo.contentType().equals("image/jpeg") || photo.contentType().equals("image/png");
		return ResponseEntity.ok()
			.contentType(image ? MediaType.parseMediaType(photo.contentType()) : MediaType.APPLICATION_OCTET_STREAM)
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.header("Content-Disposition",
					(image ? "inline" : "attachment") + "; filename=\"whistle-photo-" + number
							+ (photo.contentType().equals("image/png") ? ".png" : ".jpg") + "\"")
			.cacheControl(CacheControl.noStore().cachePrivate())
			.body(photo.data());
	}

	/**
	 * The whistle when the caller may read it ({@link Whistles#readableBy}); 404
	 * otherwise.
	 */
	private Whistles.Loaded inScope(UUID id) {
		return whistles.readableBy(id, scopes.current(), scopes.currentPerson().orElse(null))
			.orElseThrow(() -> notFound(id));
	}

	private static DomainException notFound(UUID id) {
		return DomainException.notFound("whistle-not-found", "No whistle " + id + " in your area");
	}

}
