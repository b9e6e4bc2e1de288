package org.fengqiao.mediation;

/** Rough timing of the documents (not a test): run its main from the test classpath. */
class DocumentsBenchmark {

	public static void main(String[] args) {
		var documents = new CaseDocuments(CaseDocuments.BUNDLED);
		var file = DocumentsTests.caseFile(DocumentsTests.written());
		for (String kind : new String[] { "agreement", "archive" }) {
			long first = System.nanoTime();
			byte[] pdf = kind.equals("agreement") ? documents.agreement(file) : documents.archive(file);
			first = System.nanoTime() - first;
			for (int i = 0; i < 20; i++) {
				pdf = kind.equals("agreement") ? documents.agreement(file) : documents.archive(file);
			}
			int n = 50;
			long t = System.nanoTime();
			for (int i = 0; i < n; i++) {
				pdf = kind.equals("agreement") ? documents.agreement(file) : documents.archive(file);
			}
			t = System.nanoTime() - t;
			System.out.printf("%s: first %.0f ms, then %.1f ms each (%d runs), %d bytes%n", kind, first / 1e6,
					t / 1e6 / n, n, pdf.length);
		}
	}

}
