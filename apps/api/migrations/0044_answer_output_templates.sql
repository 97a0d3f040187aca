-- A service version's output template is the body of the signed answer (ADR 0038): Persian
-- paragraphs with named placeholders, checked on save and filled in as text, never markup.
COMMENT ON COLUMN service_versions.output_template IS
  'The body of the signed answer: Persian paragraphs (split at blank lines) with named placeholders such as {{applicant.name}}, {{trackingCode}}, {{decision}}, {{reasons}}, {{legalBasis}}, {{date}}, {{form.<field>}} (ADR 0038); plain text, never markup. null: the platform''s default answer.';

-- A rejection cites a legal basis when the service's card cites any (ADR 0029: a card that cites no
-- law leaves nothing to choose, the reasons then stand alone). The check of migration 0036 asked for
-- a basis on every rejection, so such a rejection failed inside its transaction; it now asks for the
-- reasons, and the service (checkDecision) for the basis where the card has one.
ALTER TABLE request_answers DROP CONSTRAINT request_answers_check1;
ALTER TABLE request_answers ADD CONSTRAINT request_answers_rejection_reasons CHECK (decision = 'approved' OR reasons IS NOT NULL);
