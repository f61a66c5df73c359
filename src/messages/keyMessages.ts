import { defineMessages } from "./section.js";

export const keyMessages = defineMessages({
  "key.malformed": {
    en: "the S3 object is not a readable PEM private key: no complete PEM block, or its contents are damaged",
    ja: "S3 オブジェクトを PEM 形式の秘密鍵として読めません：PEM ブロックが揃っていないか、中身が壊れています",
  },
  "key.malformed.hint": {
    en: "upload the key again as PEM text, unchanged from the -----BEGIN … PRIVATE KEY----- line to its -----END line",
    ja: "-----BEGIN … PRIVATE KEY----- の行から対応する -----END の行までを変更せず、PEM テキストとしてアップロードし直してください",
  },
  "key.encrypted": {
    en: "the private key is encrypted with a passphrase, and SES cannot use an encrypted key",
    ja: "秘密鍵がパスフレーズで暗号化されています。SES は暗号化された鍵を使えません",
  },
  "key.encrypted.hint": {
    en: "store the key unencrypted (PKCS#1 or PKCS#8) in the S3 object, e.g. openssl pkey -in encrypted.pem -out key.pem; protect it with SSE-KMS and the bucket policy instead",
    ja: "暗号化していない鍵（PKCS#1 または PKCS#8）を S3 オブジェクトに保存してください（例：openssl pkey -in encrypted.pem -out key.pem）。鍵の保護は SSE-KMS とバケットポリシーで行ってください",
  },
  "key.notRsa": {
    en: "the private key is {algorithm}, but SES BYODKIM signs with RSA keys only",
    ja: "秘密鍵の方式が {algorithm} です。SES の BYODKIM は RSA 鍵にしか対応していません",
  },
  "key.notRsa.hint": {
    en: "generate a 2048-bit RSA key (openssl genrsa -out key.pem 2048) and publish its public key under a new selector",
    ja: "2048 ビットの RSA 鍵を生成し（openssl genrsa -out key.pem 2048）、その公開鍵を新しいセレクタで DNS に公開してください",
  },
  "key.unsupportedSize": {
    en: "the RSA key is {bits} bits, but SES BYODKIM accepts only 1024- or 2048-bit keys",
    ja: "RSA 鍵の長さが {bits} ビットです。SES の BYODKIM が受け付けるのは 1024 ビットか 2048 ビットの鍵だけです",
  },
  "key.unsupportedSize.hint": {
    en: "generate a 2048-bit key (openssl genrsa -out key.pem 2048) and publish its public key under a new selector",
    ja: "2048 ビットの鍵を生成し（openssl genrsa -out key.pem 2048）、その公開鍵を新しいセレクタで DNS に公開してください",
  },
  "key.notPrivate": {
    en: "the S3 object holds a {label}, not a private key",
    ja: "S3 オブジェクトに入っているのは {label} で、秘密鍵ではありません",
  },
  "key.notPrivate.hint": {
    en: "upload the private key itself (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY); the public key belongs in DNS, not in S3",
    ja: "秘密鍵そのもの（BEGIN RSA PRIVATE KEY または BEGIN PRIVATE KEY）をアップロードしてください。公開鍵は S3 ではなく DNS に置くものです",
  },
  "key.severalKeys": {
    en: "the S3 object holds {count} private keys, so it is unclear which one SES should sign with",
    ja: "S3 オブジェクトに秘密鍵が {count} 個入っており、SES がどれで署名すべきか決められません",
  },
  "key.severalKeys.hint": {
    en: "keep exactly one private key per object, in the object named after its selector",
    ja: "1 つのオブジェクトには秘密鍵を 1 つだけ、そのセレクタ名のオブジェクトに保存してください",
  },
  "key.opensshFormat": {
    en: "the RSA key is in OpenSSH format (BEGIN OPENSSH PRIVATE KEY), which SES cannot read",
    ja: "RSA 鍵が OpenSSH 形式（BEGIN OPENSSH PRIVATE KEY）です。SES はこの形式を読めません",
  },
  "key.opensshFormat.hint": {
    en: 'convert a copy to PEM with ssh-keygen -p -m PEM -N "" -f copy-of-key, then upload that copy',
    ja: '鍵のコピーを ssh-keygen -p -m PEM -N "" -f 鍵のコピー で PEM 形式に変換し、そのコピーをアップロードしてください',
  },
  "key.inconsistent": {
    en: "the private key parses, but its numbers do not fit together (modulus, exponents and primes disagree): the file is damaged",
    ja: "秘密鍵は読めますが、数値どうしが整合しません（モジュラス・指数・素数が食い違っています）。ファイルが壊れています",
  },
  "key.inconsistent.hint": {
    en: "upload an intact copy of the key; signatures made with this one would fail DKIM verification",
    ja: "壊れていない鍵のコピーをアップロードしてください。この鍵で署名すると DKIM の検証に失敗します",
  },
  "dkimRecord.badPublicKey": {
    en: "the p= value of the DKIM record is not an RSA public key",
    ja: "DKIM レコードの p= の値が RSA 公開鍵ではありません",
  },
});
