"""Draft graph data from a municipal minute extract or an agreement, for a person to review.

``samverkan ingest FILE`` (:mod:`.command`, run by :mod:`.pipeline`):

1. reads the document, plain text or a PDF's text layer (:mod:`.reading`);
2. cleans its layout noise while keeping every character's position in the
   original (:mod:`.text`), and cuts it into headed sections (:mod:`.sections`);
3. recognises a minute extract (:mod:`.minutes`, :mod:`.minute_header`,
   :mod:`.minute_people`) or an agreement (:mod:`.agreements`, :mod:`.parties`,
   :mod:`.agreement_terms`, and :mod:`.layout`, :mod:`.seats`,
   :mod:`.signatures` for its tables), returning what it found as
   :mod:`.facts`, each with the span of text it was read from;
4. matches names to what the graph holds (:mod:`.catalogue`, :mod:`.resolve`)
   and drafts Turtle in the project's ontology, every fact with its excerpt
   (:mod:`.drafting`, :mod:`.minute_draft`, :mod:`.agreement_draft`,
   :mod:`.body_draft`);
5. checks the draft against the shapes and writes it beside a review report
   (:mod:`.report`).

Drafts never go into ``data/``: a person moves them there, and the normal
build validates them.
"""
