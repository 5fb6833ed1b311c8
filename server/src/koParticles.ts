/**
 * Korean particles (조사) after words the messages did not write themselves: resource names, file names, field
 * values. The particle depends on how the word's last syllable is read aloud:
 *
 * - Hangul: by the final consonant (받침) of the last syllable; `으로/로` also treats a final ㄹ like no 받침.
 * - Digits: by the Korean reading of the number's end: 1 일, 7 칠, 8 팔 end in ㄹ; 3 삼, 6 육 and a trailing 0
 *   (영, 십, 백, 천, 만) in another consonant; 2 이, 4 사, 5 오, 9 구 in a vowel (`8080` 팔십 → 이, `10001` 만 일 → 이/로).
 *   Right after a letter (`v1`, `HTTP2`) a digit may also be read in English (브이원): a particle is chosen only
 *   when both readings agree (`apps/v1을`, but `apps/v1(으)로`).
 * - Latin letters, read the way Korean engineers say them:
 *   - spelled out letter by letter (acronyms of up to 3 capitals, words without a vowel like `db`, `k8s`, `tcp`,
 *     and words of 1–2 letters like `ip`): by the Korean name of the last letter; only L 엘, R 알 (ㄹ), M 엠 and
 *     N 엔 end in a consonant (`API` 에이피아이 → 가, `YAML` … 엘 → 을); 4–5 capitals may be a word or letters
 *     (`TIME` 타임 or 티아이엠이), so they count only when both readings agree;
 *   - read as an English word (the last part of a camelCase/snake_case/dotted name): final l → ㄹ (`yaml`,
 *     `mysql`, `role` 롤); m, n, ng and a silent e after them → other 받침 (`helm`, `admin`, `name` 네임, `volume`);
 *     a short vowel before b, p, t, k or c → 받침 (`web` 웹, `app` 앱, `secret` 시크릿, `StatefulSet` 셋, `spec` 스펙);
 *     everything else — vowels, d, s, x, r, f, g, h, consonant clusters like rt/st/nt/rk — no 받침
 *     (`api`, `redis` 레디스, `nginx` 엔진엑스, `frontend` 프런트엔드, `port` 포트, `network` 네트워크).
 *   A few common words read against these rules are listed in `readings`.
 * - Anything else (symbols, an empty word, words the rules above cannot tell) is unsure: the combined form
 *   `이(가)`, `을(를)`, `(으)로` … is written, which is always correct Korean.
 *
 * Closing quotes, brackets and backticks after the word are skipped (`"web"` is read as web), and so is a
 * trailing parenthetical (`/etc (설정)` is read as /etc), as Korean attaches the particle to the word itself.
 */

/** The particle pairs a template can ask for: the form after a final consonant, then the form after a vowel. */
export type ParticlePair = '이/가' | '은/는' | '을/를' | '과/와' | '으로/로';

export const particlePairs: readonly ParticlePair[] = ['이/가', '은/는', '을/를', '과/와', '으로/로'];

/** How a word's last syllable ends when read aloud: no 받침, a ㄹ 받침, or another 받침. */
export type WordEnding = 'vowel' | 'rieul' | 'consonant';

const combined: Record<ParticlePair, string> = {
  '이/가': '이(가)',
  '은/는': '은(는)',
  '을/를': '을(를)',
  '과/와': '과(와)',
  '으로/로': '(으)로',
};

export function isParticlePair(text: string): text is ParticlePair {
  return (particlePairs as readonly string[]).includes(text);
}

/** The particle for `word`, e.g. `particleFor('web', '이/가')` → `이`; the combined form when unsure. */
export function particleFor(word: string, pair: ParticlePair): string {
  const choices = new Set(wordEndings(word).map((ending) => choose(ending, pair)));
  return choices.size === 1 ? [...choices][0] : combined[pair];
}

function choose(ending: WordEnding, pair: ParticlePair): string {
  const [afterConsonant, afterVowel] = pair.split('/');
  if (pair === '으로/로') return ending === 'consonant' ? afterConsonant : afterVowel;
  return ending === 'vowel' ? afterVowel : afterConsonant;
}

/** `word` followed by its particle: `withParticle('web', '이/가')` → `web이`, `withParticle('db', '이/가')` → `db가`. */
export function withParticle(word: string, pair: ParticlePair): string {
  return word + particleFor(word, pair);
}

/** How the Korean reading of `word` ends; undefined when it cannot be told or two usual readings differ. */
export function wordEnding(word: string): WordEnding | undefined {
  const endings = wordEndings(word);
  return endings.length === 1 ? endings[0] : undefined;
}

/** Every usual reading's ending (`v1`: 브이일 or 브이원); empty when unknown. */
function wordEndings(word: string): WordEnding[] {
  const spoken = lastSpokenPart(word);
  if (!spoken) return [];
  const last = spoken.slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const final = (code - 0xac00) % 28;
    return [final === 0 ? 'vowel' : final === 8 ? 'rieul' : 'consonant'];
  }
  if (/[0-9]/.test(last)) {
    const korean = koreanDigitEndings[Number(last)];
    // Right after a letter (v1, HTTP2) the digit may be read in English: 브이원.
    const afterLetter = /[A-Za-z][0-9]+$/.test(spoken) && !/[0-9]0$/.test(spoken);
    return unique(afterLetter ? [korean, englishDigitEndings[Number(last)]] : [korean]);
  }
  if (last === '%') return ['vowel']; // 퍼센트
  if (last === '/') return ['vowel']; // 슬래시 (the root directory: 루트)
  const letters = /[A-Za-z]+$/.exec(spoken)?.[0];
  return letters ? latinEndings(letters) : [];
}

function unique(endings: (WordEnding | undefined)[]): WordEnding[] {
  return endings.includes(undefined) ? [] : [...new Set(endings as WordEnding[])];
}

/** Korean reading of a number's last digit; a trailing 0 is 영 alone or 십/백/천/만 after other digits, all with 받침. */
const koreanDigitEndings: readonly WordEnding[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];
/** English reading: zero, one 원, two, three, four, five, six 식스, seven 세븐, eight, nine 나인. */
const englishDigitEndings: readonly WordEnding[] = ['vowel', 'consonant', 'vowel', 'vowel', 'vowel', 'vowel', 'vowel', 'consonant', 'vowel', 'consonant'];

/** Strips what is not read before a particle: closing quotes and brackets, a trailing `(…)` aside, a final slash. */
function lastSpokenPart(word: string): string {
  let s = word.trimEnd();
  for (;;) {
    const before = s;
    s = s.replace(/["'`”’」』\]}>]+$/u, '').trimEnd();
    if (s.endsWith(')')) {
      const open = matchingOpen(s);
      if (open > 0) s = s.slice(0, open).trimEnd();
    }
    if (!/^\/+$/.test(s)) s = s.replace(/\/+$/, ''); // a lone / stays: 슬래시, 루트
    if (s === before) return s;
  }
}

/** Index of the `(` that the final `)` of `s` closes; -1 when unbalanced. */
function matchingOpen(s: string): number {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ')') depth++;
    else if (s[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/** Korean names of Latin letters by how they end: L 엘, R 알 (ㄹ); M 엠, N 엔 (받침); all others end in a vowel. */
function letterNameEnding(letter: string): WordEnding {
  const l = letter.toLowerCase();
  if (l === 'l' || l === 'r') return 'rieul';
  if (l === 'm' || l === 'n') return 'consonant';
  return 'vowel';
}

/** Words whose usual Korean reading the rules below get wrong. */
const readings: Record<string, WordEnding> = {
  type: 'consonant', // 타입
  group: 'consonant', // 그룹
  check: 'vowel', // 체크
  none: 'consonant', // 논
  rbac: 'consonant', // 알백
  etc: 'vowel', // 이티시, 엣시
};

function latinEndings(letters: string): WordEnding[] {
  // The last part of camelCase or PascalCase (`runAsUser` → User, `clusterIP` → IP, `HTTPRoute` → Route).
  const part = /(?:[A-Z]+(?![a-z])|[A-Z]?[a-z]+)$/.exec(letters)?.[0] ?? letters;
  const lower = part.toLowerCase();
  const known = readings[lower];
  if (known) return [known];
  const spelled = letterNameEnding(lower.slice(-1));
  if (!/[aeiouy]/.test(lower) || lower.length <= 2) return [spelled];
  const asWord = englishWordEnding(lower);
  if (part !== part.toUpperCase()) return unique([asWord]);
  // Capitals: an acronym spelled out (API, CPU) or a word (NONE, TIME); unsure when the two readings differ.
  return part.length <= 3 ? [spelled] : part.length <= 5 ? unique([spelled, asWord]) : unique([asWord]);
}

function englishWordEnding(w: string): WordEnding | undefined {
  if (/l$|[aeiouy]le$/.test(w)) return 'rieul'; // control 컨트롤, yaml 야믈, role 롤, file 파일
  if (/(?:m|n|ng)$|[aeiouy][mn]e$/.test(w)) return 'consonant'; // helm 헬름, admin 어드민, binding 바인딩, name 네임
  if (/[aeiouy]$/.test(w)) return 'vowel'; // data 데이터, proxy 프록시, image 이미지, node 노드, cache 캐시
  if (/(?:^|[^aeiou])[aeiou](?:b|p|t|ck|k)$|[aeiou](?:bb|pp|tt)$|(?:ook|out)$/.test(w)) return 'consonant'; // web 웹, app 앱, secret 시크릿, set 셋, stack 스택, hook 훅, out 아웃
  if (/(?:^|[^aeiou])[aeiou]c$/.test(w)) return 'consonant'; // spec 스펙, proc 프록, exec 이그젝
  if (/[aeiou]{2}t$/.test(w)) return 'vowel'; // root 루트, boot 부트, sheet 시트, wait 웨이트
  if (/[aeiou]{2}[bpk]$/.test(w)) return undefined; // loop 루프 but sleep 슬립; week 위크 but book 북
  if (/[dsxrfghzcvw]$/.test(w)) return 'vowel'; // frontend 프런트엔드, redis 레디스, nginx 엔진엑스, docker 도커
  if (/[^aeiou][bptk]$/.test(w)) return 'vowel'; // port 포트, host 호스트, network 네트워크, disk 디스크
  return undefined;
}
