export { parseCsv, parseCsvRecords, CsvFormatError } from "./csv";
export { parseNaceCsv, loadNaceCodes, NaceDataError } from "./nace";
export {
  parseCo2IntensityCsv,
  loadCo2Intensities,
  Co2IntensityDataError,
  CO2_CODE_SYSTEMS,
  type Co2CodeSystem,
  type Co2IntensityRecord,
} from "./co2-intensity";
export { REFERENCE_DATA_DIR, REFERENCE_FILES, referenceFilePath } from "./paths";
