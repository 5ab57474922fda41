/** A store for the server tests: the sample letters plus one hostile document. */
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../pipelines/ingest.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';

export const HOSTILE_ID = '900_hostile';

// Markup in the text of an obligation. (The plain-text parser currently reorders or drops
// lines when several tags stand in a document, and refuses a file with a control character:
// reported; this fixture keeps to what it reads.)
export const HOSTILE_TEXT = `ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG
Số: 99/UBND-KT
V/v kiểm tra ký tự lạ

Tuyên Quang, ngày 01 tháng 11 năm 2021

Kính gửi: Sở Nội vụ

Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện như sau:
1. Sở Nội vụ chủ trì rà soát hồ sơ &amp; "ngoặc kép" 'đơn' \\ x, hoàn thành trước ngày 30/11/2021.
2. Sở Tài chính báo cáo kinh phí <script>window.__pwned = 1</script> &lt;b&gt;đậm&lt;/b&gt; trước ngày 15/12/2021.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
`;

export async function makeStore(prefix = 'congvan-http-'): Promise<{ dir: string; db: string }> {
  const dir = tmpDir(prefix);
  const input = path.join(dir, 'in');
  fs.mkdirSync(input);
  for (const s of STEMS) fs.copyFileSync(path.join(CORPUS, `${s}.txt`), path.join(input, `${s}.txt`));
  fs.writeFileSync(path.join(input, `${HOSTILE_ID}.txt`), HOSTILE_TEXT);
  const db = path.join(dir, 'store.db');
  await ingest([input], { db });
  return { dir, db };
}
