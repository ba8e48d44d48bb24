/** English function words: phrases never start or end with one, and all-stop-word windows are skipped. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor of to in on at by for with from into onto over under about as than then that this these those
  is are was were be been being am do does did done have has had having will would shall should can could may might must
  it its it's we our ours us you your yours they their them he she his her i me my mine who whom whose which what when where
  why how all any both each few more most other some such no not only own same so too very just also etc e.g i.e
  able ability strong good great excellent well within across per via including include includes using use used
  experience experienced knowledge skills skill years year plus ideally preferably preferred required requirements
  work working candidate role team position job responsibilities responsible`
    .split(/\s+/)
    .filter(Boolean),
);
