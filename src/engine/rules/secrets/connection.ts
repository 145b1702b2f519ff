/**
 * Passwords inside connection strings and URLs: PostgreSQL, MySQL / MariaDB, MongoDB, Redis,
 * AMQP, basic-auth http(s) / ftp URLs, any other scheme://user:pass@host, JDBC and ODBC / ADO.NET
 * strings. Only the password span is reported, so user, host and database stay visible for
 * debugging; an empty password, a placeholder (the literal word `password`, `changeme`, `***`,
 * `${VAR}`) or a provider token (reported by its own rule) is not reported.
 */
import type { Rule } from '../../types.js';
import { connectionPassword } from './context-values.js';
import { findOdbcPassword } from './helpers.js';

/** Connection-string and URL password rules. */
export const connectionRules: readonly Rule[] = [
  {
    id: 'postgres_connection_password',
    category: 'user.authorization.password',
    description:
      'Password in a PostgreSQL URL (postgres:// or postgresql[+driver]://user:pass@host).',
    keywords: ['postgres://', 'postgresql://', 'postgresql+', 'postgres+'],
    pattern:
      /postgres(?:ql)?(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    validate: connectionPassword,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'DATABASE_URL=postgres://app:vfv1k7*zpiX7xv@db.internal:5432/app?sslmode=require',
          match: 'vfv1k7*zpiX7xv',
        },
        'engine = create_engine("postgresql+psycopg2://etl:G8IZUl_n3YGzSL@10.0.3.7/warehouse")',
      ],
      negative: [
        'postgres://app:@db.internal/app',
        'postgres://app:password@localhost/app',
        'postgres://db.internal:5432/app',
        'postgres://${DB_USER}:${DB_PASS}@db/app',
      ],
    },
  },
  {
    id: 'mysql_connection_password',
    category: 'user.authorization.password',
    description:
      'Password in a MySQL / MariaDB URL (mysql[+driver]:// or mariadb://user:pass@host).',
    keywords: ['mysql://', 'mysql+', 'mariadb://', 'mariadb+'],
    pattern:
      /(?:mysql|mariadb)(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    validate: connectionPassword,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'DB_URL="mysql://root:iyi8mS~sjtECVa@mysql.prod.acme.io:3306/shop"',
          match: 'iyi8mS~sjtECVa',
        },
        'SQLALCHEMY_DATABASE_URI=mysql+pymysql://svc:9aqAkv_dBOIP94@127.0.0.1/app',
      ],
      negative: [
        'mysql://root:@localhost/shop',
        'mysql://user:changeme@localhost/db',
        'mysql://localhost:3306/shop',
      ],
    },
  },
  {
    id: 'mongodb_connection_password',
    category: 'user.authorization.password',
    description: 'Password in a MongoDB URL (mongodb:// or mongodb+srv://user:pass@host).',
    keywords: ['mongodb://', 'mongodb+srv://'],
    pattern:
      /mongodb(?:\+srv)?:\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    validate: connectionPassword,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'MONGO_URI=mongodb+srv://api:BG0ymb~2bkP95M@cluster0.x7k2p.mongodb.net/?retryWrites=true&w=majority',
          match: 'BG0ymb~2bkP95M',
        },
        'mongodb://admin:KJhMiy*rJr8yOn@mongo-0:27017,mongo-1:27017/app?replicaSet=rs0',
      ],
      negative: [
        'mongodb+srv://cluster0.x7k2p.mongodb.net/app',
        'mongodb://admin:<password>@mongo:27017',
        'mongodb://admin:****@mongo:27017',
      ],
    },
  },
  {
    id: 'redis_connection_password',
    category: 'user.authorization.password',
    description: 'Password in a Redis URL (redis:// or rediss://[user]:pass@host).',
    keywords: ['redis://', 'rediss://'],
    pattern: /rediss?:\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    validate: connectionPassword,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'REDIS_URL=rediss://:np0dX6.SvgPT2s@cache.acme.io:6380/0',
          match: 'np0dX6.SvgPT2s',
        },
        'redis://default:EqlXRR_nIqZTii@redis-12345.c1.us-east-1.ec2.cloud.redislabs.com:12345',
      ],
      negative: [
        'redis://localhost:6379/0',
        'redis://:@cache:6379',
        'redis://:${REDIS_PASSWORD}@cache:6379',
      ],
    },
  },
  {
    id: 'amqp_connection_password',
    category: 'user.authorization.password',
    description: 'Password in an AMQP URL (amqp:// or amqps://user:pass@host).',
    keywords: ['amqp://', 'amqps://'],
    pattern: /amqps?:\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    validate: connectionPassword,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'CELERY_BROKER_URL=amqps://worker:Pd2WgX-0Z6fZgH@b-1234.mq.us-east-1.amazonaws.com:5671/',
          match: 'Pd2WgX-0Z6fZgH',
        },
        'amqp://svc:cNjG89!OxZ18iQ@rabbitmq:5672/%2F',
      ],
      negative: ['amqp://rabbitmq:5672/', 'amqp://guest:xxx@localhost:5672/'],
    },
  },
  {
    id: 'url_basic_auth_password',
    category: 'user.authorization.password',
    description:
      'Password in a basic-auth http(s) / ftp URL (https://user:pass@host). Ports (https://host:8080/) are not passwords.',
    keywords: ['http://', 'https://', 'ftp://', 'ftps://', 'sftp://'],
    requires: '@',
    pattern:
      /(?:https?|ftps?|sftp):\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    validate: connectionPassword,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: '{"$current_url":"https://deploy:tH0DTU-SdS7cM8@registry.acme.io/v2/_catalog"}',
          match: 'tH0DTU-SdS7cM8',
        },
        'ftp://backup:P0bprm.UCi9QBf@files.acme.io/exports/',
      ],
      negative: [
        'https://example.com:8080/path?email=a@b.co',
        'https://user@git.acme.io/repo.git',
        'https://user:@host.acme.io/',
        'https://user:password@host.acme.io/',
      ],
    },
  },
  {
    id: 'uri_credentials_password',
    category: 'user.authorization.password',
    description:
      'Password in any other scheme://user:pass@host URI (smtp, ldap, ssh, cloudinary, …); triggered by ://.',
    keywords: ['://'],
    requires: '@',
    pattern: /:\/\/[^\s:@/?#"'<>\\]{0,128}:([^\s@/?#"'<>\\]{1,256})@(?=[A-Za-z0-9[])/y,
    group: 1,
    boundary: false,
    validate: connectionPassword,
    confidence: 0.7,
    examples: {
      positive: [
        { text: 'SMTP_URL=smtp://mailer:MSiK2F.LUQK9La@smtp.acme.io:587', match: 'MSiK2F.LUQK9La' },
        'CLOUDINARY_URL=cloudinary://483921736451028:qE0EpF~Qk869FL@acme',
      ],
      negative: [
        's3://bucket/key:with@sign',
        'ldap://ldap.acme.io:389/dc=acme',
        'ssh://git@github.com:22/acme/api.git',
      ],
    },
  },
  {
    id: 'jdbc_password',
    category: 'user.authorization.password',
    description:
      'Password in a JDBC URL: password= parameter (?, & or ; separated) or Oracle thin user/password@host.',
    keywords: ['jdbc:'],
    pattern:
      /jdbc:(?:oracle:thin:[A-Za-z0-9_$#]{1,64}\/(?=[^@\s"'<>\\]{1,128}@)|[a-z0-9]{2,20}:[^\s"'<>\\]{0,300}?[?&;]password=)([^&;@\s"'<>\\]{1,256})/iy,
    group: 1,
    validate: connectionPassword,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'spring.datasource.url=jdbc:postgresql://db:5432/app?user=etl&password=OWNE27*ApdU3cB&ssl=true',
          match: 'OWNE27*ApdU3cB',
        },
        'jdbc:sqlserver://sql.acme.io:1433;databaseName=crm;user=sa;password=VOL8YZ*gRIMeYl;encrypt=true',
        'jdbc:oracle:thin:scott/vdXgOR*yD7tcay@db.acme.io:1521:ORCL',
      ],
      negative: [
        'jdbc:mysql://db:3306/app?user=root&password=',
        'jdbc:postgresql://db/app?user=etl&password=${DB_PASSWORD}',
        'jdbc:h2:mem:testdb',
      ],
    },
  },
  {
    id: 'odbc_password',
    category: 'user.authorization.password',
    description:
      'Password= / Pwd= value in an ODBC or ADO.NET connection string (Server=…;User Id=…;Password=…;), including {braced} values.',
    keywords: ['password', 'pwd'],
    find: findOdbcPassword,
    validate: connectionPassword,
    confidence: 0.88,
    examples: {
      positive: [
        {
          text: 'Server=tcp:acme.database.windows.net,1433;Initial Catalog=crm;User ID=admin;Password=0pbTeC~XUCs1Ac;Encrypt=True;',
          match: '0pbTeC~XUCs1Ac',
        },
        {
          text: 'DRIVER={ODBC Driver 18 for SQL Server};SERVER=sql01;UID=sa;PWD={pDVnd;G-ZnrFs3e}',
          match: 'pDVnd;G-ZnrFs3e',
        },
      ],
      negative: [
        'Please enter your password; it must be 8+ chars',
        'Server=sql01;User Id=sa;Password=;',
        'Server=sql01;Database=crm;Password=changeme;',
        'mypassword=abc;server=x',
      ],
    },
  },
];
