import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { readCdrString, readStringSeq, writeCdrString, writeStringSeq } from './parameter-value.js';

/** ContentFilterProperty_t (9.6.2.2, PID_CONTENT_FILTER_PROPERTY): a reader's content filter, for writer-side filtering. */
export interface ContentFilterProperty {
  readonly contentFilteredTopicName: string;
  readonly relatedTopicName: string;
  readonly filterClassName: string;
  readonly filterExpression: string;
  readonly expressionParameters: readonly string[];
}

/** The filter class of the DDS SQL subset (9.6.2.2). */
export const DDSSQL_FILTER_CLASS = 'DDSSQL';

export function readContentFilterProperty(r: ByteReader, field: string): ContentFilterProperty {
  return {
    contentFilteredTopicName: readCdrString(r, `${field}.contentFilteredTopicName`),
    relatedTopicName: readCdrString(r, `${field}.relatedTopicName`),
    filterClassName: readCdrString(r, `${field}.filterClassName`),
    filterExpression: readCdrString(r, `${field}.filterExpression`),
    expressionParameters: readStringSeq(r, `${field}.expressionParameters`),
  };
}

export function writeContentFilterProperty(w: ByteWriter, c: ContentFilterProperty, field: string): void {
  writeCdrString(w, c.contentFilteredTopicName, `${field}.contentFilteredTopicName`);
  writeCdrString(w, c.relatedTopicName, `${field}.relatedTopicName`);
  writeCdrString(w, c.filterClassName, `${field}.filterClassName`);
  writeCdrString(w, c.filterExpression, `${field}.filterExpression`);
  writeStringSeq(w, c.expressionParameters, `${field}.expressionParameters`);
}
