/**
 * How a buyer is named to the whole room when they grab (李** 抢到了): the first character and two stars, as shopping
 * apps do. Who bought what is the buyer's business; chat and follows show the name the user chose to show there.
 */
export function maskedName(displayName: string): string {
  const first = [...displayName.trim()][0]
  return first ? `${first}**` : '**'
}
