export {
  AnswerData,
  Classification,
  decisionLabel,
  legalBasisLine,
  LetterData,
  PAPER_SIZES,
  PdfImage,
  ReceiptData,
  ReportData,
  type DocumentData,
  type PaperSize,
} from './documents';
export {
  createPdfRenderer,
  renderDocument,
  renderPdf,
  type PdfRenderer,
  type RenderedDocument,
  type RenderOptions,
} from './render';
export {
  checkTemplateSource,
  directoryTemplates,
  DOCUMENT_KINDS,
  repoTemplates,
  storedTemplates,
  type DocumentKind,
  type TemplateResolver,
  type TemplateSource,
} from './templates';
export { jalaliDate } from './text';
